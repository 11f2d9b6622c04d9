import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { getEnvironment, serverResourceId } from "../catalogue/catalogue";
import { confirmStep } from "../engine/confirm-step";
import { alice, carol } from "../engine/testing/engine-harness";
import { closeIncident } from "../incidents/close-incident";
import { createIncident } from "../incidents/create-incident";
import { getIncident } from "../incidents/get-incident";
import { startEngineOnSandbox, type EngineOnSandbox } from "./testing/engine-on-sandbox";

/**
 * Scenario 1 (loss of database server) through option 1 - revive the dropped server - as a drill in test, driven end
 * to end through the run engine with the REAL adapters against the sandbox. The server is deleted through the control
 * API "20 minutes ago", so that the revive point (deletion + 10 minutes, read from the activity log) is already past.
 */

const test = getEnvironment("aytq", "test");
const live = test.postgres.server;
let s: EngineOnSandbox;

beforeAll(async () => {
  s = await startEngineOnSandbox({ nights: 0 });
});
afterAll(async () => {
  await s?.stop();
});

describe("Scenario 1, option 1, through the engine on the sandbox", () => {
  it("finds the deletion in the activity log, revives the server, follows it until Ready, and the data is back", async () => {
    const t0 = Date.now();
    await s.query(live, "insert into search_logs (last_name, date_of_birth, created_at, updated_at) values ('BeforeTheLoss', '1980-01-01', now() at time zone 'utc', now() at time zone 'utc')");
    const deletedAt = new Date(Date.now() - 20 * 60_000);
    await s.control("POST", "/disasters/delete-server", { environment: "test", deletedAt: deletedAt.toISOString(), caller: "someone@education.gov.uk" });
    await s.until(async () => (await s.ports.azurePostgres.getServer({ subscriptionId: test.subscriptionId, resourceGroup: test.resourceGroup, server: live })) === null);

    const { id } = await createIncident({ actor: alice, input: { scenario: "loss-of-database-server", environment: "test", mode: "drill" } });
    await confirmStep({ actor: carol, incidentId: id, stepId: "start-incident-process", note: "Drill: #aytq-dr-drill" });
    expect(await s.run({ actor: alice, incidentId: id, stepId: "freeze-pipeline" })).toMatchObject({ state: "succeeded", outputs: { count: 6 } });

    const found = await s.run({ actor: alice, incidentId: id, stepId: "find-server-deletion" });
    expect(found.state).toBe("succeeded");
    const deletion = found.outputs as { deletedAt: string; suggestedRestorePoint: string; deletedAtText: string; caller: string };
    expect(Math.abs(Date.parse(deletion.deletedAt) - deletedAt.getTime())).toBeLessThan(5_000);
    expect(Date.parse(deletion.suggestedRestorePoint) - Date.parse(deletion.deletedAt)).toBe(10 * 60_000);
    expect(deletion).toMatchObject({ caller: "someone@education.gov.uk", deletedAtText: expect.stringMatching(/UTC \(.*UK time\)/) });

    // The revive's inputs come pre-filled from the activity log; the engine follows the server after the green run.
    const revived = await s.run({ actor: alice, incidentId: id, stepId: "revive-server" });
    expect(revived).toMatchObject({ state: "succeeded", error: null });
    expect(revived.inputs).toMatchObject({ deletedServer: live, restorePoint: { utc: deletion.suggestedRestorePoint.replace(/\.\d+Z$/, "Z"), zone: "utc" } });
    expect(revived.outputs).toMatchObject({ conclusion: "success", serverState: "Ready", runUrl: expect.stringContaining("/actions/runs/") });
    const server = await s.ports.azurePostgres.getServer({ subscriptionId: test.subscriptionId, resourceGroup: test.resourceGroup, server: live });
    expect(server).toMatchObject({ state: "Ready", resourceId: serverResourceId(test) });

    expect(await s.run({ actor: alice, incidentId: id, stepId: "restart-applications" })).toMatchObject({ state: "succeeded" });
    expect(await s.run({ actor: alice, incidentId: id, stepId: "validate-app" })).toMatchObject({ state: "succeeded", outputs: { verification: expect.stringMatching(/^Every required health check passes for (AYTQ and CTR|CTR and AYTQ)\.$/) } });
    expect(await s.run({ actor: alice, incidentId: id, stepId: "unfreeze-pipeline" })).toMatchObject({ state: "succeeded", inputs: { count: 1 } });
    await confirmStep({ actor: alice, incidentId: id, stepId: "dr-test-post-scenario", note: "Recorded in the DR test template." });
    await confirmStep({ actor: alice, incidentId: id, stepId: "post-dr-review" });
    await closeIncident({ actor: alice, incidentId: id, status: "resolved" });

    const marker = await s.query<{ n: string }>(live, "select count(*) as n from search_logs where last_name = 'BeforeTheLoss'");
    expect(Number(marker[0]!.n)).toBe(1);
    const view = await getIncident({ incidentId: id });
    expect(view.branch).toBe("option-1");
    // Every step succeeded but option 2's, which the incident never followed.
    expect(view.steps.filter((step) => step.state !== "succeeded").map((step) => step.id).sort()).toEqual(["delete-diagnostic-settings", "find-latest-backup", "recreate-server", "restore-from-storage"]);
    const counters = await s.counters();
    expect(counters["github:dispatch postgres-recover-deleted-db.yml"]).toBe(1);
    expect(counters["arm:PUT flexibleServers ReviveDropped"]).toBe(1);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    console.log(`Scenario 1 option 1 on the sandbox: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }, 120_000);
});
