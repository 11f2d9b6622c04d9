import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getScenario } from "./scenarios";
import { sharedReferencePath } from "@/lib/config/shared-reference";

/**
 * The mapping runbook heading -> step ids. It fails when a heading of the runbook (or a bullet of its "steps
 * involved" lists) has no step, when a step claims a heading the runbook does not have, or when a step is left out.
 */
const MAPPING: Record<string, Record<string, string[]>> = {
  "loss-of-database-server": {
    "Start the incident process (if not already in progress)": ["start-incident-process"],
    "Freeze pipeline": ["freeze-pipeline"],
    "Recreate the lost postgres database server": ["restart-applications"],
    "Option 1: Recover from Azure backups": ["find-server-deletion", "revive-server"],
    "Option 2: Recreate via terraform and restore from scheduled offline backup": [],
    "Recreate the postgres server via terraform": ["delete-diagnostic-settings", "recreate-server"],
    "Restore the data from previous backup in Azure storage": ["find-latest-backup", "restore-from-storage"],
    "Validate app": ["validate-app"],
    "Unfreeze pipeline": ["unfreeze-pipeline"],
    "If this document is being followed as part of a DR test, then complete DR test post scenario steps": ["dr-test-post-scenario"],
    "Post DR review": ["post-dr-review"],
  },
  "loss-of-data": {
    "Stop the service as soon as possible": ["stop-service"],
    "Start the incident process (if not already in progress)": ["start-incident-process"],
    "Freeze pipeline": ["freeze-pipeline"],
    "Back up the database (optional)": ["backup-flawed-database"],
    "Restore postgres database": ["restore-point-in-time"],
    "Upload restored database to Azure storage": ["upload-restored-database"],
    "Validate data": ["validate-data"],
    "Restore data into the live server": ["restore-into-live"],
    "Restart applications": ["restart-applications"],
    "Validate app": ["validate-app"],
    "Unfreeze pipeline": ["unfreeze-pipeline"],
    "Tidy up": ["tidy-up"],
    "If this document is being followed as part of a DR test, then complete DR test post scenario steps": ["dr-test-post-scenario"],
    "Post DR review": ["post-dr-review"],
  },
};

/** Option 2's heading is a container: its steps sit under its two sub-headings. */
const CONTAINER_HEADINGS = new Set(["Option 2: Recreate via terraform and restore from scheduled offline backup"]);

const RUNBOOK = path.join(import.meta.dirname, "source", "disaster-recovery-runbook.txt");
const SHARED_RUNBOOK = sharedReferencePath("seed", "disaster-recovery-runbook.txt");
const text = readFileSync(RUNBOOK, "utf8");
const lines = text.split(/\r?\n/).map((l) => l.trim());
const scenario2Start = lines.indexOf("Scenario 2: Loss of data");
const sections: Record<string, string[]> = {
  "loss-of-database-server": lines.slice(lines.indexOf("Scenario 1: Loss of database server"), scenario2Start),
  "loss-of-data": lines.slice(scenario2Start),
};
/** The DR-test line and "Post DR review" close the document and apply to both scenarios. */
const SHARED_TAIL = lines.slice(lines.findIndex((l) => l.startsWith("If this document is being followed as part of a DR test")));

/** The bullets of each "The steps involved ..." list. */
function stepsInvolved(section: string[]): string[] {
  const start = section.findIndex((l) => l.startsWith("The steps involved"));
  const bullets: string[] = [];
  for (const line of section.slice(start + 1)) {
    if (!line.startsWith("- ")) break;
    bullets.push(line.slice(2).trim());
  }
  return bullets;
}

describe.each(Object.keys(MAPPING))("runbook headings -> steps of %s", (scenarioId) => {
  const scenario = getScenario(scenarioId);
  const mapping = MAPPING[scenarioId]!;
  const section = [...sections[scenarioId]!, ...SHARED_TAIL];

  it("maps only headings that are in the runbook", () => {
    for (const heading of Object.keys(mapping)) expect(section, `heading "${heading}"`).toContain(heading);
  });

  it("has a step for every item of the runbook's list of steps", () => {
    const bullets = stepsInvolved(section);
    expect(bullets.length).toBeGreaterThan(4);
    for (const bullet of bullets) {
      const heading = Object.keys(mapping).find((h) => h === bullet || h.startsWith(`${bullet} (`));
      expect(heading, `runbook item "${bullet}" has no heading in the mapping`).toBeDefined();
      expect(mapping[heading!]!.length, `runbook item "${bullet}" has no step`).toBeGreaterThan(0);
    }
  });

  it("has a step for every heading, and every step under its own heading", () => {
    for (const [heading, stepIds] of Object.entries(mapping)) {
      if (!CONTAINER_HEADINGS.has(heading)) expect(stepIds.length, `heading "${heading}" has no step`).toBeGreaterThan(0);
      for (const id of stepIds) {
        const step = scenario.steps.find((s) => s.id === id);
        expect(step, `step ${id}`).toBeDefined();
        expect(step!.runbookHeading).toBe(heading);
      }
    }
    const mapped = Object.values(mapping).flat();
    expect([...mapped].sort()).toEqual(scenario.steps.map((s) => s.id).sort());
  });
});

describe("the runbook copy", () => {
  it.runIf(existsSync(SHARED_RUNBOOK))("is the shared seed runbook, unchanged", () => {
    expect(text).toBe(readFileSync(SHARED_RUNBOOK, "utf8"));
  });
});
