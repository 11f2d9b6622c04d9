import { gunzipSync } from "node:zlib";
import { MonitorClient } from "@azure/arm-monitor";
import { BlobServiceClient } from "@azure/storage-blob";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnvironment } from "@/lib/catalogue/catalogue";
import type { StartedSandbox } from "../index";
import { SandboxCredential, sandboxArmClientOptions } from "./credential";
import { serverResourceId } from "./state";
import { controlRequest } from "./testing/arm-request";
import { startTestSandbox } from "./testing/start-test-sandbox";

/**
 * Scenario 1's evidence and leftovers through the real clients: the deletion in the activity log
 * (`@azure/arm-monitor`), the diagnostic setting a deleted production server leaves behind, the nightly
 * backups in Azurite (`@azure/storage-blob`); and the control API's data disasters.
 */

const production = getEnvironment("aytq", "production");
const test = getEnvironment("aytq", "test");
let sandbox: StartedSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: { nights: 2, teachers: 120 } });
});

afterAll(async () => {
  await sandbox?.stop();
});

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(sql)).rows;
  } finally {
    await c.end();
  }
}

describe("a production server deleted in the portal", () => {
  it("shows in the activity log, and leaves its diagnostic setting behind until deleted", async () => {
    const serverId = serverResourceId({ subscriptionId: production.subscriptionId, resourceGroup: production.resourceGroup, name: production.postgres.server });
    const monitor = new MonitorClient(new SandboxCredential({ token: sandbox.endpoints.arm.token }), production.subscriptionId, sandboxArmClientOptions(sandbox.endpoints.arm));
    const settingsBefore = [];
    for await (const s of monitor.diagnosticSettings.list(serverId)) settingsBefore.push(s.name);
    expect(settingsBefore).toEqual([production.leftoverDiagnosticSetting]);

    const deleted = await controlRequest<{ at: string }>(sandbox.endpoints.control.url, "POST", "/disasters/delete-server", { environment: "production" });
    expect(deleted.status).toBe(202);
    // The delete operation takes about a second in fast mode.
    await new Promise((r) => setTimeout(r, 2_000));

    const from = new Date(Date.now() - 3_600_000).toISOString();
    const events = [];
    for await (const e of monitor.activityLogs.list(`eventTimestamp ge '${from}' and resourceGroupName eq '${production.resourceGroup}'`)) events.push(e);
    const deletion = events.find((e) => e.operationName?.value === "Microsoft.DBforPostgreSQL/flexibleServers/delete" && e.status?.value === "Succeeded");
    expect(deletion).toBeDefined();
    expect(deletion!.operationName!.localizedValue).toBe("Delete PostgreSQL Server");
    expect(deletion!.resourceId).toBe(serverId);
    expect(deletion!.submissionTimestamp).toBeInstanceOf(Date);
    expect(deletion!.eventTimestamp).toBeInstanceOf(Date);
    expect(Math.abs(deletion!.submissionTimestamp!.getTime() - Date.parse(deleted.body.at))).toBeLessThan(10_000);

    const leftover = [];
    for await (const s of monitor.diagnosticSettings.list(serverId)) leftover.push(s.name);
    expect(leftover).toEqual(["s189p01-aytq-pd-pg-diagnotics"]);
    await monitor.diagnosticSettings.delete(serverId, "s189p01-aytq-pd-pg-diagnotics");
    const after = [];
    for await (const s of monitor.diagnosticSettings.list(serverId)) after.push(s.name);
    expect(after).toEqual([]);
    expect(sandbox.context.counters.get("arm:DELETE diagnosticSettings")).toBe(1);
  });
});

describe("backup storage", () => {
  it("holds the nightly backups: real gzipped pg_dump output, named and dated as the scheduled job leaves them", async () => {
    for (const environment of [test, production]) {
      const account = environment.backupStorage!.account;
      const container = BlobServiceClient.fromConnectionString(sandbox.context.storage.connectionString(account)).getContainerClient("database-backup");
      const blobs = [];
      for await (const b of container.listBlobsFlat()) blobs.push(b);
      expect(blobs.map((b) => b.name)).toHaveLength(2);
      for (const blob of blobs) {
        const match = new RegExp(`^aytq_${environment.configShort}_(\\d{4}-\\d{2}-\\d{2})\\.sql\\.gz$`).exec(blob.name);
        expect(match).not.toBeNull();
        const modified = blob.properties.lastModified!;
        expect(modified.toISOString().slice(0, 10)).toBe(match![1]);
        expect(modified.getUTCHours()).toBe(4);
      }
      const newest = blobs.sort((a, b) => b.name.localeCompare(a.name))[0]!;
      const sql = gunzipSync(await container.getBlobClient(newest.name).downloadToBuffer()).toString("utf8");
      expect(sql).toContain("PostgreSQL database dump");
      expect(sql).toContain("DROP TABLE IF EXISTS public.teachers;");
      expect(sql).toContain("CREATE TABLE public.teachers");
      expect(sql).toMatch(/COPY public\.teachers .* FROM stdin;/);
      expect(sql).not.toContain("sandbox_history");
      expect(sql).not.toMatch(/OWNER TO/);
    }
    expect(() => sandbox.context.storage.connectionString("s189t01aytqdbbkpppsa")).toThrow(/no storage account/);
  });
});

describe("the control API's data disasters", () => {
  it("drops a table, corrupts and deletes rows, and says when", async () => {
    const url = (await sandbox.context.serverDatabaseUrl(test.postgres.server))!;
    const dropped = await controlRequest<{ at: string; details: { table: string } }>(sandbox.endpoints.control.url, "POST", "/disasters/drop-table", { environment: "test", table: "induction_records" });
    expect(dropped.status).toBe(200);
    expect(Date.now() - Date.parse(dropped.body.at)).toBeLessThan(10_000);
    expect(await query(url, "select to_regclass('public.induction_records') as t")).toEqual([{ t: null }]);

    const corrupted = await controlRequest<{ details: { ids: number[] } }>(sandbox.endpoints.control.url, "POST", "/disasters/corrupt-rows", { environment: "test", table: "teachers", count: 3 });
    expect(corrupted.status).toBe(200);
    expect(corrupted.body.details.ids).toHaveLength(3);
    const rows = await query<{ last_name: string }>(url, `select last_name from teachers where id in (${corrupted.body.details.ids.join(",")})`);
    expect(rows.every((r) => r.last_name.startsWith("#CORRUPT#"))).toBe(true);

    const before = await query<{ n: string }>(url, "select count(*) as n from qualifications");
    const removed = await controlRequest<{ details: { ids: number[] } }>(sandbox.endpoints.control.url, "POST", "/disasters/delete-rows", { environment: "test", table: "qualifications", count: 4 });
    expect(removed.body.details.ids).toHaveLength(4);
    const after = await query<{ n: string }>(url, "select count(*) as n from qualifications");
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n) - 4);

    const refused = await controlRequest(sandbox.endpoints.control.url, "POST", "/disasters/drop-table", { environment: "test", table: "no_such_table" });
    expect(refused.status).toBe(404);
    const listed = await controlRequest<{ value: unknown[] }>(sandbox.endpoints.control.url, "GET", "/disasters");
    expect(listed.body.value.map((d) => (d as { kind: string }).kind)).toEqual(["delete-server", "drop-table", "corrupt-rows", "delete-rows"]);
  });
});
