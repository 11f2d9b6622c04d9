import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnvironment, serverResourceId } from "../catalogue/catalogue";
import { IntegrationError } from "../errors";
import { findLatestBackup, findServerDeletion } from "../engine/operations/azure";
import type { LongOperationStatus, ServerRef } from "./azure-postgres/port";
import { IDEMPOTENCY_TAG } from "./azure-postgres/arm-adapter";
import { startSandboxHarness, type SandboxHarness } from "./testing/sandbox-harness";

/**
 * The real Azure adapters (@azure/arm-postgresql-flexible, @azure/arm-monitor, @azure/storage-blob) and the pg
 * database adapter against the sandbox, chosen by configuration alone (DR_TARGET=sandbox + its endpoints file).
 */

const test = getEnvironment("aytq", "test");
const preprod = getEnvironment("aytq", "preprod");
const production = getEnvironment("aytq", "production");
const ref = (environment: typeof test, server = environment.postgres.server): ServerRef => ({ subscriptionId: environment.subscriptionId, resourceGroup: environment.resourceGroup, server });
let h: SandboxHarness;
const startedAt = new Date();

beforeAll(async () => {
  h = await startSandboxHarness({ nights: 1 });
});
afterAll(async () => {
  await h?.stop();
});

async function followToEnd(poll: (state: unknown) => Promise<LongOperationStatus>, first: unknown, limitMs = 20_000): Promise<LongOperationStatus & { polls: number }> {
  let state = first;
  const deadline = Date.now() + limitMs;
  for (let polls = 1; ; polls += 1) {
    // Stored as the engine stores it: JSON in the operation record.
    const status = await poll(JSON.parse(JSON.stringify(state)));
    if (status.status !== "running") return { ...status, polls };
    if (Date.now() > deadline) throw new Error(`still running: ${status.detail}`);
    state = status.pollerState;
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function rejection(promise: Promise<unknown>): Promise<IntegrationError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(IntegrationError);
  return error as IntegrationError;
}

describe("Azure PostgreSQL flexible servers", () => {
  it("reads a server and its state, and null for one that does not exist", async () => {
    const live = await h.ports.azurePostgres.getServer(ref(test));
    expect(live).toMatchObject({ name: test.postgres.server, state: "Ready", location: "uksouth", version: "16", resourceId: serverResourceId(test) });
    expect(Date.parse(live!.earliestRestoreDate!)).toBeLessThan(Date.now() - 6 * 86_400_000);
    expect(live!.createdAt).toEqual(expect.any(String));
    expect(await h.ports.azurePostgres.getServer(ref(test, "s189t01-aytq-ts-pg-nothing"))).toBeNull();
  });

  it("restores a point in time into <server>-ptr, resumed from stored poller state by a fresh adapter, ended by a state check; the same key adopts it", async () => {
    const key = "incident-1:restore-point-in-time:1";
    const point = new Date(Date.now() - 60 * 60_000).toISOString();
    const target = `${test.postgres.server}-ptr`;
    const started = await h.ports.azurePostgres.beginPointInTimeRestore({ source: ref(test), targetServer: target, pointInTimeUtc: point, network: test.postgres.network, idempotencyKey: key });
    expect(started.adopted).toBe(false);
    expect(started.externalId).toMatch(/azureAsyncOperation/i);
    // A console restart: a new set of adapters from the same configuration resumes from the stored state.
    const restarted = h.portsWith({});
    const end = await followToEnd((s) => restarted.azurePostgres.pollOperation({ pollerState: s }), started.pollerState);
    expect(end.status).toBe("succeeded");
    const copy = await h.ports.azurePostgres.getServer(ref(test, target));
    expect(copy).toMatchObject({ state: "Ready", tags: { [IDEMPOTENCY_TAG]: key } });

    const again = await h.ports.azurePostgres.beginPointInTimeRestore({ source: ref(test), targetServer: target, pointInTimeUtc: point, idempotencyKey: key });
    expect(again.adopted).toBe(true);
    expect((await followToEnd((s) => h.ports.azurePostgres.pollOperation({ pollerState: s }), again.pollerState)).status).toBe("succeeded");
    expect((await h.counters())["arm:PUT flexibleServers PointInTimeRestore"]).toBe(1);
  });

  it("finds a name in use before sending, and refuses a restore point outside the window", async () => {
    const before = (await h.counters())["arm:PUT flexibleServers PointInTimeRestore"];
    const collision = await rejection(
      h.ports.azurePostgres.beginPointInTimeRestore({ source: ref(test), targetServer: `${test.postgres.server}-ptr`, pointInTimeUtc: new Date(Date.now() - 3_600_000).toISOString(), idempotencyKey: "incident-1:restore-point-in-time:2" }),
    );
    expect(collision.message).toMatch(/already used by a server.*choose another name/);
    const tooOld = await rejection(
      h.ports.azurePostgres.beginPointInTimeRestore({ source: ref(test), targetServer: `${test.postgres.server}-old`, pointInTimeUtc: new Date(Date.now() - 8 * 86_400_000).toISOString(), idempotencyKey: "k-old" }),
    );
    expect(tooOld.message).toMatch(/outside the restore window of s189t01-aytq-ts-pg: from .* UTC \(.*\) to .* \(5 minutes ago\)/);
    const tooRecent = await rejection(
      h.ports.azurePostgres.beginPointInTimeRestore({ source: ref(test), targetServer: `${test.postgres.server}-new`, pointInTimeUtc: new Date(Date.now() - 60_000).toISOString(), idempotencyKey: "k-new" }),
    );
    expect(tooRecent.message).toMatch(/outside the restore window/);
    expect((await h.counters())["arm:PUT flexibleServers PointInTimeRestore"]).toBe(before);
  });

  it("deletes only a copy made since the incident began, never the live server; a repeat with the key adopts it", async () => {
    const copy = ref(test, `${test.postgres.server}-ptr`);
    const live = await rejection(h.ports.azurePostgres.beginDeleteServer({ ...ref(test), idempotencyKey: "d-0", guard: { createdAtOrAfter: startedAt.toISOString(), protectedServers: [test.postgres.server] } }));
    expect(live.message).toMatch(/live server/);
    const older = await rejection(h.ports.azurePostgres.beginDeleteServer({ ...copy, idempotencyKey: "d-1", guard: { createdAtOrAfter: new Date(Date.now() + 60_000).toISOString(), protectedServers: [test.postgres.server] } }));
    expect(older.message).toMatch(/not a copy made by this incident/);
    expect((await h.counters())["arm:DELETE flexibleServers"] ?? 0).toBe(0);

    const guard = { createdAtOrAfter: startedAt.toISOString(), protectedServers: [test.postgres.server] };
    const started = await h.ports.azurePostgres.beginDeleteServer({ ...copy, idempotencyKey: "d-2", guard });
    expect(started.adopted).toBe(false);
    const again = await h.ports.azurePostgres.beginDeleteServer({ ...copy, idempotencyKey: "d-2", guard });
    expect(again.adopted).toBe(true);
    expect((await followToEnd((s) => h.ports.azurePostgres.pollOperation({ pollerState: s }), started.pollerState)).status).toBe("succeeded");
    expect(await h.ports.azurePostgres.getServer(copy)).toBeNull();
    expect((await h.counters())["arm:DELETE flexibleServers"]).toBe(1);
  });

  it("refuses to revive a server that still exists, then revives it once deleted (catalogue network), back with its data", async () => {
    const source = serverResourceId(preprod);
    const refused = await rejection(
      h.ports.azurePostgres.beginReviveDropped({ target: ref(preprod), sourceServerResourceId: source, pointInTimeUtc: new Date(Date.now() - 60_000).toISOString(), location: "uksouth", network: preprod.postgres.network, idempotencyKey: "r-0" }),
    );
    expect(refused.message).toMatch(/still exists \(state Ready\)\. Only a deleted server can be revived/);
    expect((await h.counters())["arm:PUT flexibleServers ReviveDropped"] ?? 0).toBe(0);

    const deletedAt = new Date(Date.now() - 20 * 60_000);
    await h.control("POST", "/disasters/delete-server", { environment: "preprod", deletedAt: deletedAt.toISOString() });
    const deletion = await (async () => {
      for (let i = 0; i < 40; i += 1) {
        const found = await h.ports.azureMonitor.findServerDeletion({ subscriptionId: preprod.subscriptionId, serverResourceId: source, since: new Date(Date.now() - 86_400_000).toISOString() });
        if (found && !(await h.ports.azurePostgres.getServer(ref(preprod)))) return found;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error("the deletion did not finish");
    })();
    expect(Math.abs(Date.parse(deletion.deletedAt) - deletedAt.getTime())).toBeLessThan(5_000);
    expect(deletion.caller).toMatch(/@/);

    const started = await h.ports.azurePostgres.beginReviveDropped({
      target: ref(preprod), sourceServerResourceId: source, pointInTimeUtc: new Date(Date.parse(deletion.deletedAt) + 10 * 60_000).toISOString(),
      location: "uksouth", network: preprod.postgres.network, idempotencyKey: "r-1",
    });
    expect((await followToEnd((s) => h.ports.azurePostgres.pollOperation({ pollerState: s }), started.pollerState)).status).toBe("succeeded");
    expect(await h.ports.azurePostgres.getServer(ref(preprod))).toMatchObject({ state: "Ready", tags: { [IDEMPOTENCY_TAG]: "r-1" } });
    const url = (await h.control<{ url: string }>("GET", `/servers/${preprod.postgres.server}/database-url`)).url;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ n: string }>("select count(*) as n from teachers");
    await client.end();
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
  });

  it("follows a failing operation to a clear failure, and gets through 429s with the SDK's own retry", async () => {
    await h.control("PUT", "/faults/arm", { asyncOperationFails: { count: 1 } });
    const started = await h.ports.azurePostgres.beginPointInTimeRestore({ source: ref(test), targetServer: `${test.postgres.server}-ptr2`, pointInTimeUtc: new Date(Date.now() - 3_600_000).toISOString(), idempotencyKey: "f-1" });
    const end = await followToEnd((s) => h.ports.azurePostgres.pollOperation({ pollerState: s }), started.pollerState);
    expect(end).toMatchObject({ status: "failed", error: expect.stringMatching(/Azure reports the create of s189t01-aytq-ts-pg-ptr2 failed: .*InternalServerError/) });

    await h.control("PUT", "/faults/arm", { tooManyRequests: { count: 2, retryAfterSeconds: 1 } });
    const t0 = Date.now();
    expect(await h.ports.azurePostgres.getServer(ref(test))).toMatchObject({ state: "Ready" });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1_900);
    expect((await h.counters())["arm:fault:tooManyRequests"]).toBe(2);

    await h.control("PUT", "/faults/arm", { serverError: { count: 20 } });
    const down = await rejection(h.portsWith({ INTEGRATION_MAX_RETRIES: "1" }).azurePostgres.getServer(ref(test)));
    expect(down).toMatchObject({ retryable: true, options: { status: 500, requestId: expect.any(String) } });
    expect(down.message).toMatch(/Azure refused to read the server s189t01-aytq-ts-pg \(HTTP 500\)/);
    await h.control("DELETE", "/faults/arm");
  });
});

describe("Azure Monitor", () => {
  it("pre-fills the revive point as deletion + 10 minutes, in UTC and UK time", async () => {
    const result = await findServerDeletion.send!({
      request: { kind: "azure-monitor.find-server-deletion", subscriptionId: preprod.subscriptionId, serverResourceId: serverResourceId(preprod), since: new Date(Date.now() - 86_400_000).toISOString() },
      ports: h.ports, idempotencyKey: "m-1", notBefore: new Date().toISOString(), progress: {}, saveProgress: async () => undefined,
    });
    const outputs = result.outputs as { deletedAt: string; suggestedRestorePoint: string; deletedAtText: string };
    expect(Date.parse(outputs.suggestedRestorePoint) - Date.parse(outputs.deletedAt)).toBe(10 * 60_000);
    expect(outputs.deletedAtText).toMatch(/UTC \(.*(GMT|BST), UK time\)/);
    expect(result.outputs).toMatchObject({ suggestedRestorePointText: expect.stringMatching(/UTC \(.*(GMT|BST), UK time\)/) });
  });

  it("lists and deletes the leftover diagnostic setting; deleting it again succeeds", async () => {
    const id = serverResourceId(production);
    expect(await h.ports.azureMonitor.listDiagnosticSettings({ resourceId: id })).toEqual([{ id: expect.stringContaining("diagnosticSettings"), name: production.leftoverDiagnosticSetting }]);
    await h.ports.azureMonitor.deleteDiagnosticSetting({ resourceId: id, name: production.leftoverDiagnosticSetting! });
    await h.ports.azureMonitor.deleteDiagnosticSetting({ resourceId: id, name: production.leftoverDiagnosticSetting! });
    expect(await h.ports.azureMonitor.listDiagnosticSettings({ resourceId: id })).toEqual([]);
  });
});

describe("backup storage", () => {
  it("lists the backups with time and size, and names the newest nightly with its age (what option 2 loses)", async () => {
    const storage = test.backupStorage!;
    const blobs = await h.ports.backupStorage.listBackups(storage);
    expect(blobs.length).toBeGreaterThanOrEqual(1);
    expect(blobs[0]).toMatchObject({ name: expect.stringMatching(/^aytq_ts_\d{4}-\d{2}-\d{2}\.sql\.gz$/), sizeBytes: expect.any(Number) });
    expect(blobs[0]!.sizeBytes).toBeGreaterThan(1000);
    expect(await h.ports.backupStorage.getBackup({ ...storage, name: blobs[0]!.name })).toEqual(blobs[0]);
    expect(await h.ports.backupStorage.getBackup({ ...storage, name: "aytq_ts_nothing.sql.gz" })).toBeNull();

    const result = await findLatestBackup.send!({
      request: { kind: "backup-storage.find-latest-backup", ...storage }, ports: h.ports, idempotencyKey: "b-1", notBefore: new Date().toISOString(), progress: {}, saveProgress: async () => undefined,
    });
    expect(result.outputs).toMatchObject({ nightly: true, newest: { name: blobs[0]!.name, ageText: expect.stringMatching(/h \d+ min/), createdAtText: expect.stringMatching(/UTC/) } });
    expect(result.summary).toMatch(/would be lost/);
  });
});

describe("database (rows written after a restore point)", () => {
  it("counts per application table the rows inserted or updated after a point", async () => {
    const url = (await h.control<{ url: string }>("GET", `/servers/${test.postgres.server}/database-url`)).url;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const since = new Date(Date.now() - 1000);
    await new Promise((r) => setTimeout(r, 1200));
    await client.query("insert into search_logs (last_name, date_of_birth, created_at, updated_at) values ('Counted', '1980-01-01', now() at time zone 'utc', now() at time zone 'utc')");
    const expected = await client.query<{ n: string }>("select count(*) as n from search_logs where created_at > $1 or updated_at > $1", [since.toISOString().replace("T", " ").replace("Z", "")]);
    await client.end();
    const counted = await h.ports.database.countRowsWrittenSince({ server: ref(test), database: test.postgres.database, since: since.toISOString() });
    expect(counted.tables.search_logs).toBe(Number(expected.rows[0]!.n));
    expect(counted.tables.search_logs).toBeGreaterThanOrEqual(1);
    expect(counted.tables).not.toHaveProperty("schema_migrations");
    expect(counted.rowsWrittenAfterRestorePoint).toBe(Object.values(counted.tables).reduce((a, b) => a + b, 0));
  });
});
