import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { getEnvironment } from "../catalogue/catalogue";
import { db } from "../db";
import { confirmStep } from "../engine/confirm-step";
import { alice, carol } from "../engine/testing/engine-harness";
import { chooseBranch } from "../incidents/choose-branch";
import { createIncident } from "../incidents/create-incident";
import { getIncident } from "../incidents/get-incident";
import { startEngineOnSandbox, type EngineOnSandbox } from "./testing/engine-on-sandbox";

/**
 * Scenario 1 (loss of database server) as a drill in test: option 1's revive goes green on GitHub but Azure's
 * operation fails (the ARM fault switch), which the engine learns by following the server and reading the activity
 * log; then option 2 - recreate the server with the deploy workflow and restore last night's backup - driven end to
 * end through the run engine with the REAL adapters against the sandbox.
 */

const test = getEnvironment("aytq", "test");
const live = test.postgres.server;
const liveRef = { subscriptionId: test.subscriptionId, resourceGroup: test.resourceGroup, server: live };
let s: EngineOnSandbox;

beforeAll(async () => {
  s = await startEngineOnSandbox({ nights: 1 });
});
afterAll(async () => {
  await s?.stop();
});

describe("Scenario 1, option 2 after option 1 fails, through the engine on the sandbox", () => {
  it("fails the revive with Azure's reason, switches option with a reason, recreates the server and restores the nightly backup", async () => {
    const t0 = Date.now();
    const [nightly] = await s.ports.backupStorage.listBackups(test.backupStorage!);
    expect(nightly?.name).toMatch(/^aytq_ts_\d{4}-\d{2}-\d{2}\.sql\.gz$/);
    // The nightly backup holds the data as it was at 04:00 UTC of its date.
    const backupTime = `${nightly!.name.slice(8, 18)} 04:00:00`;
    const teachersInBackup = Number((await s.query<{ n: string }>(live, "select count(*) as n from teachers where created_at <= $1", [backupTime]))[0]!.n);
    expect(teachersInBackup).toBeGreaterThan(0);

    await s.control("POST", "/disasters/delete-server", { environment: "test", deletedAt: new Date(Date.now() - 20 * 60_000).toISOString() });
    await s.until(async () => (await s.ports.azurePostgres.getServer(liveRef)) === null);
    const { id } = await createIncident({ actor: alice, input: { scenario: "loss-of-database-server", environment: "test", mode: "drill" } });
    await confirmStep({ actor: carol, incidentId: id, stepId: "start-incident-process" });
    await s.run({ actor: alice, incidentId: id, stepId: "freeze-pipeline" });
    expect((await s.run({ actor: alice, incidentId: id, stepId: "find-server-deletion" })).state).toBe("succeeded");

    // Azure accepts the revive (the workflow goes green) and then fails it.
    await s.control("PUT", "/faults/arm", { asyncOperationFails: { count: 1 } });
    const revive = await s.run({ actor: alice, incidentId: id, stepId: "revive-server" });
    expect(revive.state).toBe("failed");
    expect(revive.error).toMatch(/^The workflow run went green \(it only sends the request\), but Azure reports the change to s189t01-aytq-ts-pg failed at .* UTC \(.*UK time\)\. The server was not brought back/);
    const reviveRun = await db().operation.findFirstOrThrow({ where: { incidentId: id, stepRun: { stepId: "revive-server" } } });
    expect(reviveRun.externalUrl).toMatch(/\/actions\/runs\/\d+$/);
    await s.control("DELETE", "/faults/arm");

    const chosen = await chooseBranch({ actor: alice, incidentId: id, branch: "option-2", reason: "Azure failed the revive: restore last night's backup." });
    expect(chosen.skipped).toEqual(["revive-server"]);
    expect(await s.run({ actor: alice, incidentId: id, stepId: "delete-diagnostic-settings" })).toMatchObject({ state: "succeeded", outputs: { deleted: [] } });
    const recreated = await s.run({ actor: alice, incidentId: id, stepId: "recreate-server", inputs: { imageTag: "3f2a9c1" } });
    expect(recreated).toMatchObject({ state: "succeeded", error: null });
    expect(await s.ports.azurePostgres.getServer(liveRef)).toMatchObject({ state: "Ready" });

    const backups = await s.run({ actor: alice, incidentId: id, stepId: "find-latest-backup" });
    expect(backups.outputs).toMatchObject({ nightly: true, newest: { name: nightly!.name, ageText: expect.any(String), createdAtText: expect.stringMatching(/UTC/) } });
    const restored = await s.run({ actor: alice, incidentId: id, stepId: "restore-from-storage" });
    expect(restored).toMatchObject({ state: "succeeded", inputs: { backupFile: nightly!.name } });
    expect(await s.run({ actor: alice, incidentId: id, stepId: "restart-applications" })).toMatchObject({ state: "succeeded" });
    expect(await s.run({ actor: alice, incidentId: id, stepId: "validate-app" })).toMatchObject({ state: "succeeded" });
    expect(await s.run({ actor: alice, incidentId: id, stepId: "unfreeze-pipeline" })).toMatchObject({ state: "succeeded", inputs: { count: 1 } });

    // The data is back as it was in last night's backup.
    const teachers = Number((await s.query<{ n: string }>(live, "select count(*) as n from teachers"))[0]!.n);
    expect(teachers).toBe(teachersInBackup);
    const view = await getIncident({ incidentId: id });
    expect(view.branch).toBe("option-2");
    expect(view.notes.some((n) => n.kind === "decision" && n.text.includes("Azure failed the revive"))).toBe(true);
    const counters = await s.counters();
    expect(counters["github:dispatch postgres-recover-deleted-db.yml"]).toBe(1);
    expect(counters["github:dispatch manual-deploy.yml"]).toBe(1);
    expect(counters["github:dispatch database-restore.yml"]).toBe(1);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    console.log(`Scenario 1 option 2 on the sandbox: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }, 180_000);
});
