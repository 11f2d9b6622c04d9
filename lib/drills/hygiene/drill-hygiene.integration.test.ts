import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { getEnvironment } from "../../catalogue/catalogue";
import { db } from "../../db";
import { confirmStep } from "../../engine/confirm-step";
import { startStep } from "../../engine/start-step";
import { alice, carol, startTestEngine, waitForStep, type TestEngine } from "../../engine/testing/engine-harness";
import { ForbiddenError, PreconditionFailedError } from "../../errors";
import { closeIncident } from "../../incidents/close-incident";
import { createIncident } from "../../incidents/create-incident";
import { listDrillLeftovers } from "./list-drill-leftovers";
import { requestTidyUp } from "./request-tidy-up";
import { startTidyUpWorker } from "./start-tidy-up-worker";

const test = getEnvironment("aytq", "test");
const repoKey = "DFE-Digital/access-your-teaching-qualifications@main";
let harness: TestEngine;
let worker: { stop(): Promise<void> };

beforeAll(async () => {
  harness = await startTestEngine();
  worker = await startTidyUpWorker({ ports: harness.ports, pollIntervalSeconds: 0.2 });
});
afterAll(async () => {
  await worker.stop();
  await harness.stop();
});

async function waitForTidyUps(incidentId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const actions = await db().tidyUpAction.findMany({ where: { incidentId } });
    if (actions.every((a) => a.status === "succeeded" || a.status === "failed")) return actions;
    if (Date.now() > deadline) throw new Error(`tidy-ups still running: ${JSON.stringify(actions)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("drill hygiene: what a drill left behind, and the one-click tidy-up", () => {
  it("lists the PTR copy, the ad hoc backup, the frozen branch and the stopped deployments, then tidies them through the ports, audited", async () => {
    const { id } = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "test", mode: "drill" } });
    const run = async (stepId: string, inputs: unknown = {}) => {
      await startStep({ actor: alice, incidentId: id, stepId, inputs });
      return waitForStep({ incidentId: id, stepId });
    };
    await run("stop-service");
    await confirmStep({ actor: alice, incidentId: id, stepId: "start-incident-process" });
    await run("freeze-pipeline");
    await run("backup-flawed-database", { backupFile: "aytq_ts_flawed_hygiene" });
    await run("restore-point-in-time", { restorePoint: { time: DateTime.utc().minus({ hours: 1 }).toISO(), zone: "utc" } });
    // The drill is abandoned here: nothing restarted, unfrozen or deleted.
    await closeIncident({ actor: alice, incidentId: id, status: "abandoned", reason: "Stopped the drill to test hygiene." });

    const fromRecords = await listDrillLeftovers({ incidentId: id, ports: null });
    expect(fromRecords.map((l) => [l.kind, l.live, l.leftBehind])).toEqual([
      ["ptr-copy", "unknown", true],
      ["ad-hoc-backup", "unknown", true],
      ["frozen-branch", "unknown", true],
      ["scaled-deployment", "unknown", true],
      ["scaled-deployment", "unknown", true],
    ]);
    expect(fromRecords[0]!.liveDetail).toMatch(/no connection to the live systems/);

    const live = await listDrillLeftovers({ incidentId: id, ports: harness.ports });
    expect(live.map((l) => l.key)).toEqual([
      `ptr-copy:${test.postgres.server}-ptr`,
      "backup:aytq_ts_flawed_hygiene.sql.gz",
      `frozen-branch:${repoKey}`,
      `replicas:tra-test/${test.kubernetes.web.name}`,
      `replicas:tra-test/${test.kubernetes.worker.name}`,
    ]);
    expect(live.every((l) => l.live === "present" && l.leftBehind)).toBe(true);
    expect(live[1]!).toMatchObject({ tidyUp: null, manual: expect.stringMatching(/lifecycle rule deletes backups after 7 days/) });
    expect(live[2]!.tidyUp!.request).toEqual({ kind: "unfreeze-branch", repository: { owner: "DFE-Digital", repo: "access-your-teaching-qualifications" }, branch: "main", count: 1 });
    expect(live[3]!.tidyUp!.request).toEqual({ kind: "restore-replicas", deployments: [{ namespace: "tra-test", name: test.kubernetes.web.name, replicas: 1 }] });
    expect(live[0]!.tidyUp!.request).toMatchObject({ kind: "delete-ptr-copy", guard: { protectedServers: [test.postgres.server] } });

    await expect(requestTidyUp({ actor: carol, incidentId: id, ports: harness.ports })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(requestTidyUp({ actor: alice, incidentId: id, ports: null })).rejects.toThrow(/not connected to the live systems/);
    // A double click asks once: whichever comes second finds everything under way (or, if the first already
    // finished, nothing left to tidy).
    const both = await Promise.all([1, 2].map(() => requestTidyUp({ actor: alice, incidentId: id, ports: harness.ports }).catch((e: unknown) => e)));
    const answered = both.filter((r): r is { actionIds: string[]; skipped: string[] } => !(r instanceof Error));
    for (const r of both.filter((x) => x instanceof Error)) expect(r).toBeInstanceOf(PreconditionFailedError);
    expect(answered.map((r) => r.actionIds.length).sort()).toEqual(answered.length === 2 ? [0, 4] : [4]);

    const actions = await waitForTidyUps(id);
    expect(actions.map((a) => a.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
    const world = harness.world();
    expect(world.servers[`${test.postgres.server}-ptr`]).toBeUndefined();
    expect(world.servers[test.postgres.server]?.state).toBe("Ready");
    expect(world.approvals[repoKey]).toBe(1);
    expect(world.deployments[`tra-test/${test.kubernetes.web.name}`]!.replicas).toBe(1);
    expect(world.deployments[`tra-test/${test.kubernetes.worker.name}`]!.replicas).toBe(1);
    const deleteKey = actions.find((a) => a.kind === "delete-ptr-copy")!.idempotencyKey;
    expect(world.sendCalls[deleteKey]).toBe(1);

    const after = await listDrillLeftovers({ incidentId: id, ports: harness.ports });
    expect(after.filter((l) => l.leftBehind).map((l) => l.kind)).toEqual(["ad-hoc-backup"]);
    expect(after.find((l) => l.kind === "ptr-copy")).toMatchObject({ live: "gone", lastTidyUp: { status: "succeeded" } });
    await expect(requestTidyUp({ actor: alice, incidentId: id, ports: harness.ports })).rejects.toBeInstanceOf(PreconditionFailedError);

    const audit = await db().auditEvent.findMany({ where: { incidentId: id, action: { startsWith: "drill.tidy_up" } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([
      ["drill.tidy_up_requested", "ok"],
      ...Array.from({ length: 4 }, () => ["drill.tidy_up_finished", "ok"]),
    ]);
  }, 90_000);
});
