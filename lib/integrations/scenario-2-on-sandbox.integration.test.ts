import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { getEnvironment } from "../catalogue/catalogue";
import { db } from "../db";
import { confirmStep } from "../engine/confirm-step";
import { skipStep } from "../engine/skip-step";
import { alice, carol } from "../engine/testing/engine-harness";
import { closeIncident } from "../incidents/close-incident";
import { createIncident } from "../incidents/create-incident";
import { getIncident } from "../incidents/get-incident";
import { startEngineOnSandbox, type EngineOnSandbox } from "./testing/engine-on-sandbox";

/**
 * Scenario 2 (loss of data) as a drill in test, driven end to end through the run engine with the REAL adapters
 * against the sandbox (no UI, no doubles): rows deleted and a table dropped through the control API, then every step
 * of the runbook. At the end the lost data is back, and the rows written after the restore point - overwritten by the
 * restore - are counted in the incident's data.
 */

const test = getEnvironment("aytq", "test");
const live = test.postgres.server;
const ptr = `${live}-ptr`;
let s: EngineOnSandbox;

beforeAll(async () => {
  s = await startEngineOnSandbox({ nights: 0 });
});
afterAll(async () => {
  await s?.stop();
});

/** Rows of each application table written (inserted or updated) after `point`, counted here independently. */
async function rowsWrittenAfter(point: Date, before?: Date): Promise<Record<string, number>> {
  const tables = await s.query<{ table_name: string }>(
    live,
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('schema_migrations', 'ar_internal_metadata') order by 1",
  );
  const at = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    const window = before ? ` and %s < '${at(before)}'` : "";
    const rows = await s.query<{ n: string }>(
      live,
      `select count(*) as n from public."${table}" where (created_at > $1${window.replace("%s", "created_at")}) or (updated_at > $1${window.replace("%s", "updated_at")})`,
      [at(point)],
    );
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

describe("Scenario 2 through the engine on the sandbox", () => {
  it("restores the lost data through PTR, backup and restore, and counts the rows written after the restore point as lost", async () => {
    const t0 = Date.now();
    // Let the worker write for a moment, then the disaster, as a DR test does it through a database session.
    await new Promise((r) => setTimeout(r, 1_500));
    const deleted = await s.control<{ at: string; details: { ids: number[] } }>("POST", "/disasters/delete-rows", { environment: "test", table: "teachers", count: 5 });
    await s.control("POST", "/disasters/drop-table", { environment: "test", table: "induction_records" });
    expect((await s.ports.health.checkHealth({ url: test.health.aytq! })).passed).toBe(false);

    const opened = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "test", mode: "drill" } });
    const id = opened.id;
    const stopped = await s.run({ actor: alice, incidentId: id, stepId: "stop-service" });
    expect(stopped).toMatchObject({ state: "succeeded", outputs: { previous: { [test.kubernetes.web.name]: 1, [test.kubernetes.worker.name]: 1 } } });
    await confirmStep({ actor: carol, incidentId: id, stepId: "start-incident-process", note: "Drill: #aytq-dr-drill" });
    expect(await s.run({ actor: alice, incidentId: id, stepId: "freeze-pipeline" })).toMatchObject({ state: "succeeded", outputs: { previous: 1, count: 6 } });
    await skipStep({ actor: carol, incidentId: id, stepId: "backup-flawed-database", reason: "Drill: nobody wrote since the loss." });

    // Six minutes before the loss, typed in UK time as a person would.
    const point = new Date(Math.floor((Date.parse(deleted.at) - 6 * 60_000) / 1000) * 1000);
    const ukTime = DateTime.fromJSDate(point).setZone("Europe/London").toFormat("yyyy-MM-dd'T'HH:mm:ss");
    const restored = await s.run({ actor: alice, incidentId: id, stepId: "restore-point-in-time", inputs: { restorePoint: { time: ukTime, zone: "uk" } } });
    expect(restored.state).toBe("succeeded");
    expect(restored.inputs).toMatchObject({ newServer: ptr, restorePoint: { utc: point.toISOString().replace(".000Z", "Z"), zone: "uk" } });
    expect(await s.ports.azurePostgres.getServer({ subscriptionId: test.subscriptionId, resourceGroup: test.resourceGroup, server: ptr })).toMatchObject({ state: "Ready" });
    const inCopy = await s.query<{ n: string }>(ptr, "select count(*) as n from teachers where id = any($1)", [deleted.details.ids]);
    expect(Number(inCopy[0]!.n)).toBe(5);

    await confirmStep({ actor: alice, incidentId: id, stepId: "validate-data", inputs: { findings: "The copy has the 5 deleted teachers and induction_records." } });
    const uploaded = await s.run({ actor: alice, incidentId: id, stepId: "upload-restored-database" });
    expect(uploaded).toMatchObject({ state: "succeeded", inputs: { server: ptr } });

    // What the live server holds after the restore point, counted before the restore overwrites it.
    const expectedLost = await rowsWrittenAfter(point);
    const expectedTotal = Object.values(expectedLost).reduce((a, b) => a + b, 0);
    expect(expectedTotal).toBeGreaterThan(0);
    const restoreStarted = new Date();
    const intoLive = await s.run({ actor: alice, incidentId: id, stepId: "restore-into-live" });
    expect(intoLive.state).toBe("succeeded");
    const outputs = intoLive.outputs as { dataLoss: { rowsWrittenAfterRestorePoint: number; tables: Record<string, number>; since: string }; runUrl: string };
    expect(outputs.dataLoss).toMatchObject({ rowsWrittenAfterRestorePoint: expectedTotal, since: point.toISOString() });
    expect(outputs.dataLoss.tables).toEqual(expectedLost);
    const operation = await db().operation.findFirstOrThrow({ where: { incidentId: id, kind: "github.dispatch-workflow", stepRun: { stepId: "restore-into-live" } } });
    expect(operation.outputs).toMatchObject({ dataLoss: { rowsWrittenAfterRestorePoint: expectedTotal } });

    const restarted = await s.run({ actor: alice, incidentId: id, stepId: "restart-applications" });
    expect(restarted).toMatchObject({ state: "succeeded", inputs: { webReplicas: 1, workerReplicas: 1 } });
    expect(await s.run({ actor: alice, incidentId: id, stepId: "validate-app" })).toMatchObject({ state: "succeeded" });
    expect(await s.run({ actor: alice, incidentId: id, stepId: "unfreeze-pipeline" })).toMatchObject({ state: "succeeded", inputs: { count: 1 } });
    expect(await s.ports.github.getRequiredApprovals({ owner: "DFE-Digital", repo: "access-your-teaching-qualifications", branch: "main" })).toBe(1);
    expect(await s.run({ actor: alice, incidentId: id, stepId: "tidy-up" })).toMatchObject({ state: "succeeded", inputs: { server: ptr } });
    expect(await s.ports.azurePostgres.getServer({ subscriptionId: test.subscriptionId, resourceGroup: test.resourceGroup, server: ptr })).toBeNull();
    await confirmStep({ actor: alice, incidentId: id, stepId: "dr-test-post-scenario", note: "Recorded in the DR test template." });
    await confirmStep({ actor: alice, incidentId: id, stepId: "post-dr-review" });
    await closeIncident({ actor: alice, incidentId: id, status: "resolved" });

    // The data is back: the deleted teachers, the dropped table; and what was written after the point is gone.
    const back = await s.query<{ n: string }>(live, "select count(*) as n from teachers where id = any($1)", [deleted.details.ids]);
    expect(Number(back[0]!.n)).toBe(5);
    expect(Number((await s.query<{ n: string }>(live, "select count(*) as n from induction_records"))[0]!.n)).toBeGreaterThan(0);
    expect(Object.values(await rowsWrittenAfter(point, restoreStarted)).every((n) => n === 0)).toBe(true);

    const view = await getIncident({ incidentId: id });
    expect(view.status).toBe("resolved");
    expect(view.steps.filter((step) => step.state !== "succeeded").map((step) => step.id)).toEqual(["backup-flawed-database"]);
    const counters = await s.counters();
    expect(counters["github:dispatch database-restore-ptr.yml"]).toBe(1);
    expect(counters["github:dispatch database-backup.yml"]).toBe(1);
    expect(counters["github:dispatch database-restore.yml"]).toBe(1);
    expect(counters[`arm:DELETE flexibleServers ${ptr}`]).toBe(1);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    console.log(`Scenario 2 on the sandbox: ${((Date.now() - t0) / 1000).toFixed(1)} s, ${expectedTotal} row(s) written after the restore point counted as lost`);
  }, 180_000);
});
