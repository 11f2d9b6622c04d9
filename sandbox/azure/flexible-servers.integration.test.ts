import { PostgreSQLManagementFlexibleServerClient } from "@azure/arm-postgresql-flexible";
import { RestError } from "@azure/core-rest-pipeline";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnvironment } from "@/lib/catalogue/catalogue";
import type { StartedSandbox } from "../index";
import { SandboxCredential, sandboxArmClientOptions } from "./credential";
import { armRequest, controlRequest } from "./testing/arm-request";
import { startTestSandbox } from "./testing/start-test-sandbox";

/**
 * The ARM stand-in driven by the real `@azure/arm-postgresql-flexible` client: point-in-time restore and
 * revive followed to completion, with the data checked in the real databases behind the servers.
 */

const test = getEnvironment("aytq", "test");
const preprod = getEnvironment("aytq", "preprod");
let sandbox: StartedSandbox;
let client: PostgreSQLManagementFlexibleServerClient;
const poll = { updateIntervalInMs: 250 };

async function query<R extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(sql, values)).rows;
  } finally {
    await c.end();
  }
}

async function liveUrl(server: string): Promise<string> {
  const url = await sandbox.context.serverDatabaseUrl(server);
  if (!url) throw new Error(`${server} has no database URL`);
  return url;
}

function restError(error: unknown): RestError {
  expect(error).toBeInstanceOf(RestError);
  return error as RestError;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = new PostgreSQLManagementFlexibleServerClient(new SandboxCredential({ token: sandbox.endpoints.arm.token }), test.subscriptionId, sandboxArmClientOptions(sandbox.endpoints.arm));
});

afterAll(async () => {
  await sandbox?.stop();
});

describe("flexible servers through the real SDK", () => {
  it("lists the servers of a resource group", async () => {
    const names: string[] = [];
    for await (const s of client.servers.listByResourceGroup(test.resourceGroup)) names.push(s.name!);
    expect(names).toEqual([test.postgres.server]);
    const preprodNames: string[] = [];
    for await (const s of client.servers.listByResourceGroup(preprod.resourceGroup)) preprodNames.push(s.name!);
    expect(preprodNames).toEqual([preprod.postgres.server]);
    const server = await client.servers.get(test.resourceGroup, test.postgres.server);
    expect(server.state).toBe("Ready");
    expect(server.version).toBe("16");
    const earliest = server.backup!.earliestRestoreDate!.getTime();
    expect(Math.abs(earliest - (Date.now() - 7 * 86_400_000))).toBeLessThan(60_000);
  });

  it("restores a point in time into a new server holding the rows of that point and none written after it", async () => {
    const source = await client.servers.get(test.resourceGroup, test.postgres.server);
    const live = await liveUrl(test.postgres.server);
    // A row written now, after the point.
    await query(live, "insert into search_logs (last_name, date_of_birth, created_at, updated_at) values ('AfterThePoint', '1980-01-01', now() at time zone 'utc', now() at time zone 'utc')");
    const point = new Date(Date.now() - 2 * 86_400_000);
    const pointSql = point.toISOString().replace("Z", "");
    const expected = await query<{ table: string; ids: string[] }>(
      live,
      `select 'teachers' as table, array_agg(id order by id)::text[] as ids from teachers where created_at <= $1
       union all select 'search_logs', array_agg(id order by id)::text[] from search_logs where created_at <= $1`,
      [pointSql],
    );

    const name = `${test.postgres.server}-ptr`;
    const restored = await client.servers.beginCreateOrUpdateAndWait(
      test.resourceGroup,
      name,
      { location: "uksouth", createMode: "PointInTimeRestore", sourceServerResourceId: source.id, pointInTimeUTC: point },
      poll,
    );
    expect(restored.name).toBe(name);
    expect(restored.state).toBe("Ready");
    expect(restored.version).toBe(source.version);

    const copy = await liveUrl(name);
    const got = await query<{ table: string; ids: string[] }>(
      copy,
      "select 'teachers' as table, array_agg(id order by id)::text[] as ids from teachers union all select 'search_logs', array_agg(id order by id)::text[] from search_logs",
    );
    expect(got).toEqual(expected);
    const after = await query<{ n: string; latest: Date | null; updated: Date | null }>(
      copy,
      "select (select count(*) from search_logs where last_name = 'AfterThePoint') as n, (select max(created_at) from teachers) as latest, (select max(updated_at) from teachers) as updated",
    );
    expect(after[0]!.n).toBe("0");
    // Rows changed after the point are as they were at the point.
    expect(after[0]!.updated!.getTime()).toBeLessThanOrEqual(point.getTime());
    // The copy is a server of its own: its sequences carry on after the restored rows.
    await query(copy, "insert into teachers (trn, first_name, last_name, date_of_birth, created_at, updated_at) values ('9999999', 'New', 'Row', '1990-01-01', now(), now())");
    expect(sandbox.context.counters.get("arm:PUT flexibleServers PointInTimeRestore")).toBe(1);
  });

  it("refuses a point-in-time restore into a name in use", async () => {
    const source = await client.servers.get(test.resourceGroup, test.postgres.server);
    const error = await client.servers
      .beginCreateOrUpdate(test.resourceGroup, test.postgres.server, { location: "uksouth", createMode: "PointInTimeRestore", sourceServerResourceId: source.id, pointInTimeUTC: new Date(Date.now() - 3_600_000) })
      .catch((e: unknown) => e);
    const e = restError(error);
    expect(e.statusCode).toBe(409);
    expect(e.code).toBe("ServerNameAlreadyExists");
  });

  it("refuses restore points outside the backup window", async () => {
    const source = await client.servers.get(test.resourceGroup, test.postgres.server);
    for (const point of [new Date(Date.now() - 8 * 86_400_000), new Date(Date.now() - 2 * 60_000)]) {
      const error = await client.servers
        .beginCreateOrUpdate(test.resourceGroup, `${test.postgres.server}-late`, { location: "uksouth", createMode: "PointInTimeRestore", sourceServerResourceId: source.id, pointInTimeUTC: point })
        .catch((e: unknown) => e);
      const e = restError(error);
      expect(e.statusCode).toBe(400);
      expect(e.code).toBe("PointInTimeRestoreTimeInvalid");
    }
    await expect(client.servers.get(test.resourceGroup, `${test.postgres.server}-late`)).rejects.toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
  });

  it("revives a deleted server, with its data back; refuses while it exists or too soon after the deletion", async () => {
    const id = (await client.servers.get(test.resourceGroup, test.postgres.server)).id!;
    const revive = (point: Date) =>
      client.servers.beginCreateOrUpdateAndWait(test.resourceGroup, test.postgres.server, { location: "uksouth", createMode: "ReviveDropped", sourceServerResourceId: id, pointInTimeUTC: point }, poll);

    const whileExists = restError(await revive(new Date(Date.now() - 60_000)).catch((e: unknown) => e));
    expect(whileExists.statusCode).toBe(409);
    expect(whileExists.code).toBe("ServerNameAlreadyExists");

    const live = await liveUrl(test.postgres.server);
    await query(live, "insert into search_logs (last_name, date_of_birth, created_at, updated_at) values ('JustBeforeDeletion', '1980-01-01', now() at time zone 'utc', now() at time zone 'utc')");
    const before = await query<{ n: string }>(live, "select count(*) as n from search_logs");

    // Deleted "20 minutes ago" in the portal, so that a revive point 10 minutes after it is already past.
    const deletedAt = new Date(Date.now() - 20 * 60_000);
    const deleted = await controlRequest(sandbox.endpoints.control.url, "POST", "/disasters/delete-server", { environment: "test", deletedAt: deletedAt.toISOString() });
    expect(deleted.status).toBe(202);
    expect(await sandbox.context.serverDatabaseUrl(test.postgres.server)).toBeUndefined();
    // The database is unreachable at once.
    await expect(query(live, "select 1")).rejects.toThrow();
    for (let i = 0; i < 40 && (await client.servers.get(test.resourceGroup, test.postgres.server).then(() => true, () => false)); i++) await new Promise((r) => setTimeout(r, 250));
    await expect(client.servers.get(test.resourceGroup, test.postgres.server)).rejects.toMatchObject({ statusCode: 404 });

    const tooSoon = restError(await revive(new Date(deletedAt.getTime() + 5 * 60_000)).catch((e: unknown) => e));
    expect(tooSoon.statusCode).toBe(400);
    expect(tooSoon.code).toBe("ReviveDroppedTimeInvalid");

    const revived = await revive(new Date(deletedAt.getTime() + 11 * 60_000));
    expect(revived.state).toBe("Ready");
    const back = await liveUrl(test.postgres.server);
    expect(back).not.toBe(live);
    const rows = await query<{ n: string; marker: string }>(back, "select count(*) as n, count(*) filter (where last_name = 'JustBeforeDeletion') as marker from search_logs");
    expect(rows[0]!.marker).toBe("1");
    expect(rows[0]!.n).toBe(before[0]!.n);
  });
});

describe("errors and faults", () => {
  it("answers 401 without the sandbox token and 400 for an unsupported api-version", async () => {
    const path = `/subscriptions/${test.subscriptionId}/resourceGroups/${test.resourceGroup}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${test.postgres.server}`;
    const missing = await armRequest({ arm: sandbox.endpoints.arm, method: "GET", path: `${path}?api-version=2025-08-01`, token: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ error: { code: "AuthenticationFailed" } });
    const wrong = await armRequest({ arm: sandbox.endpoints.arm, method: "GET", path: `${path}?api-version=2025-08-01`, token: "not-the-token" });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: "InvalidAuthenticationToken" } });
    const old = await armRequest({ arm: sandbox.endpoints.arm, method: "GET", path: `${path}?api-version=2017-12-01` });
    expect(old.status).toBe(400);
    expect(old.body).toMatchObject({ error: { code: "NoRegisteredProviderFound" } });
    const ok = await armRequest({ arm: sandbox.endpoints.arm, method: "GET", path: `${path}?api-version=2024-08-01` });
    expect(ok.status).toBe(200);
  });

  it("survives 429s through the SDK's own retry (Retry-After honoured)", async () => {
    const faults = await controlRequest(sandbox.endpoints.control.url, "PUT", "/faults/arm", { tooManyRequests: { count: 2, retryAfterSeconds: 1 } });
    expect(faults.status).toBe(200);
    const started = Date.now();
    // preprod lives in the test subscription, like the client's.
    const server = await client.servers.get(preprod.resourceGroup, preprod.postgres.server);
    expect(server.name).toBe(preprod.postgres.server);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    const counters = await controlRequest<Record<string, number>>(sandbox.endpoints.control.url, "GET", "/counters");
    expect(counters.body["arm:fault:tooManyRequests"]).toBe(2);
  });

  it("cuts a connection, answers 500 and delays as told; the SDK's retries get through", async () => {
    await controlRequest(sandbox.endpoints.control.url, "PUT", "/faults/arm", { connectionReset: { count: 1 }, serverError: { count: 1 }, latencyMs: 150, pathPattern: "flexibleServers/s189t01-aytq-pp-pg$" });
    const before = sandbox.context.counters.all();
    const started = Date.now();
    const server = await client.servers.get(preprod.resourceGroup, preprod.postgres.server);
    expect(server.state).toBe("Ready");
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    const after = sandbox.context.counters.all();
    expect((after["arm:fault:connectionReset"] ?? 0) - (before["arm:fault:connectionReset"] ?? 0)).toBe(1);
    expect((after["arm:fault:serverError"] ?? 0) - (before["arm:fault:serverError"] ?? 0)).toBe(1);
    expect((after["arm:GET flexibleServers"] ?? 0) - (before["arm:GET flexibleServers"] ?? 0)).toBe(1);
    await controlRequest(sandbox.endpoints.control.url, "DELETE", "/faults/arm");
  });

  it("reports a long-running operation that fails as Failed, and the server does not appear", async () => {
    await controlRequest(sandbox.endpoints.control.url, "PUT", "/faults/arm", { asyncOperationFails: { count: 1 } });
    const source = await client.servers.get(preprod.resourceGroup, preprod.postgres.server);
    const error = await client.servers
      .beginCreateOrUpdateAndWait(preprod.resourceGroup, `${preprod.postgres.server}-ptr`, { location: "uksouth", createMode: "PointInTimeRestore", sourceServerResourceId: source.id, pointInTimeUTC: new Date(Date.now() - 86_400_000) }, poll)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/InternalServerError|unexpected error/i);
    await expect(client.servers.get(preprod.resourceGroup, `${preprod.postgres.server}-ptr`)).rejects.toMatchObject({ statusCode: 404 });
    await controlRequest(sandbox.endpoints.control.url, "DELETE", "/faults");
  });

  it("keeps a hanging operation InProgress, the server Provisioning", async () => {
    await controlRequest(sandbox.endpoints.control.url, "PUT", "/faults/arm", { asyncOperationHangs: { count: 1 } });
    const source = await client.servers.get(preprod.resourceGroup, preprod.postgres.server);
    const poller = await client.servers.beginCreateOrUpdate(preprod.resourceGroup, `${preprod.postgres.server}-hang`, {
      location: "uksouth",
      createMode: "PointInTimeRestore",
      sourceServerResourceId: source.id,
      pointInTimeUTC: new Date(Date.now() - 86_400_000),
    });
    await new Promise((r) => setTimeout(r, 3_500));
    await poller.poll();
    expect(poller.isDone()).toBe(false);
    expect((await client.servers.get(preprod.resourceGroup, `${preprod.postgres.server}-hang`)).state).toBe("Provisioning");
  });
});
