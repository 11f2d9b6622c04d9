import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scenarios } from "../runbooks/scenarios";
import { buildReportJsonSchema } from "./build-report-json-schema";
import { REPORT_STEP_ROLES } from "./report-step-roles";
import { formatSeconds } from "./report-time";

describe("the report's versioned JSON Schema", () => {
  it("is the committed incident-report.schema.json (regenerate: npx tsx lib/reports/testing/write-report-json-schema.ts)", () => {
    const committed = JSON.parse(readFileSync(path.join(import.meta.dirname, "incident-report.schema.json"), "utf8")) as unknown;
    expect(committed).toEqual(buildReportJsonSchema());
  });

  it("names its version in $id and requires schemaVersion 1", () => {
    const schema = buildReportJsonSchema() as { $id: string; required: string[]; properties: { schemaVersion: { const: number } } };
    expect(schema.$id).toMatch(/\/incident-report\/v1\.json$/);
    expect(schema.required).toContain("schemaVersion");
    expect(schema.properties.schemaVersion.const).toBe(1);
  });
});

describe("the steps the report measures from", () => {
  it("exist in the scenarios (a renamed step id fails here, not silently in a report)", () => {
    const ids = new Set(scenarios.flatMap((s) => s.steps.map((step) => step.id)));
    for (const [role, stepIds] of Object.entries(REPORT_STEP_ROLES)) {
      for (const id of stepIds) expect(ids.has(id), `${role}: ${id}`).toBe(true);
    }
  });
});

describe("durations for people", () => {
  it("shows every unit below the largest", () => {
    expect(formatSeconds(0)).toBe("0 s");
    expect(formatSeconds(185)).toBe("3 min 05 s");
    expect(formatSeconds(2 * 3600 + 7 * 60 + 5)).toBe("2 h 07 min 05 s");
    expect(formatSeconds(86_400 + 7200)).toBe("1 d 2 h 00 min 00 s");
  });
});
