import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { getEnvironment } from "@/lib/catalogue/catalogue";
import { postgresClient } from "../github/tools/arm";
import { KubernetesState } from "../kubernetes/state";
import { startServices, type SandboxServices } from "./server";
import { startTestSandbox, type TestSandbox } from "./testing/start-test-sandbox";

const test = getEnvironment("aytq", "test");
const preprod = getEnvironment("aytq", "preprod");

let sandbox: TestSandbox;
let kubernetes: KubernetesState;
let services: SandboxServices;

beforeAll(async () => {
  sandbox = await startTestSandbox({ adminDatabaseUrl: inject("testAdminUrl") });
  kubernetes = new KubernetesState({ rolloutStepMs: 30 });
  services = await startServices({ context: sandbox.context, kubernetes, writerIntervalMs: 40 });
});

afterAll(async () => {
  await services?.stop();
  kubernetes?.stop();
  await sandbox?.stop();
});

afterEach(() => sandbox.context.faults.clear());

async function sql<T extends pg.QueryResultRow>(server: string, text: string): Promise<T[]> {
  const url = await sandbox.context.serverDatabaseUrl(server);
  if (!url) throw new Error(`${server} not ready`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function eventually<T>(read: () => T | Promise<T>, accept: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > until) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const searchLogs = async () => Number((await sql<{ n: string }>(test.postgres.server, "select count(*) as n from search_logs"))[0]?.n);

describe("the sandbox's AYTQ and CTR health endpoints", () => {
  it("give a health URL for each service in each environment", () => {
    expect(services.healthUrls.test).toEqual({ aytq: `${services.url}/test/aytq/health/all`, ctr: `${services.url}/test/ctr/health/all` });
    expect(Object.keys(services.healthUrls).sort()).toEqual(["preprod", "production", "test"]);
  });

  it("answer every check PASSED with 200, in okcomputer's text and JSON", async () => {
    const text = await fetch(services.healthUrls.test?.ctr ?? "");
    expect(text.status).toBe(200);
    expect(text.headers.get("content-type")).toMatch(/^text\/plain/);
    const lines = (await text.text()).split("\n");
    const version = (await sql<{ v: string }>(test.postgres.server, "select max(version::bigint)::text as v from schema_migrations"))[0]?.v;
    expect(lines).toEqual([
      expect.stringMatching(/^ {2}default: PASSED Application is running \(\d+\.\d{3}s\)$/),
      expect.stringMatching(new RegExp(`^ {2}database: PASSED Schema version: ${version} \\(\\d+\\.\\d{3}s\\)$`)),
      expect.stringMatching(new RegExp(`^ {2}postgresql: PASSED Schema version: ${version} \\(`)),
      expect.stringMatching(/^ {2}database_integrity: PASSED Database tables correctly loaded \(/),
      expect.stringMatching(/^ {2}version: PASSED Version: [0-9a-f]{40} \(\d+\.\d{3}s\) \(OPTIONAL\)$/),
      expect.stringMatching(/^ {2}notify: PASSED /),
    ]);
    const json = await fetch(`${services.url}/test/aytq/health/all.json`);
    expect(json.status).toBe(200);
    const body = (await json.json()) as Record<string, { message: string; success: boolean; time: number }>;
    expect(Object.keys(body)).toEqual(["default", "database", "postgresql", "database_integrity", "version", "notify"]);
    expect(body.postgresql).toEqual({ message: `Schema version: ${version}`, success: true, time: expect.any(Number) });
  });

  it("fail database_integrity with 500 when a table is missing", async () => {
    await sql(test.postgres.server, "alter table induction_records rename to induction_records_gone");
    try {
      const res = await fetch(`${services.url}/test/aytq/health/all.json`);
      expect(res.status).toBe(500);
      expect((await res.json()).database_integrity).toMatchObject({ success: false, message: "Database tables missing for some models" });
    } finally {
      await sql(test.postgres.server, "alter table induction_records_gone rename to induction_records");
    }
    expect((await fetch(services.healthUrls.test?.aytq ?? "")).status).toBe(200);
  });

  it("fail the database checks with 500 when the server is deleted", async () => {
    await postgresClient(sandbox.context, preprod.subscriptionId).servers.beginDeleteAndWait(preprod.resourceGroup, preprod.postgres.server, { updateIntervalInMs: 200 });
    const res = await fetch(services.healthUrls.preprod?.ctr ?? "");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toMatch(/^ {2}default: PASSED/m);
    expect(text).toMatch(/^ {2}database: FAILED Error: '.*s189t01-aytq-pp-pg/m);
    expect(text).toMatch(/^ {2}database_integrity: FAILED /m);
  });

  it("are down (503 from the ingress) while the web deployment has no ready pod, and back after scaling up", async () => {
    const { namespace, web } = test.kubernetes;
    kubernetes.scale({ namespace, name: web.name, replicas: 0 });
    await eventually(() => kubernetes.readyReplicas(namespace, web.name), (n) => n === 0);
    const down = await fetch(services.healthUrls.test?.aytq ?? "");
    expect(down.status).toBe(503);
    expect(await down.text()).toContain("503 Service Temporarily Unavailable");
    kubernetes.scale({ namespace, name: web.name, replicas: 1 });
    await eventually(() => kubernetes.readyReplicas(namespace, web.name), (n) => n === 1);
    expect((await fetch(services.healthUrls.test?.aytq ?? "")).status).toBe(200);
  });

  it("show the maintenance page (503) while maintenance mode is on", async () => {
    kubernetes.setMaintenance({ environment: "test", enabled: true });
    const res = await fetch(services.healthUrls.test?.ctr ?? "");
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("Sorry, the service is unavailable");
    kubernetes.setMaintenance({ environment: "test", enabled: false });
  });

  it("honour the fault switches: 429 with Retry-After, then 500", async () => {
    sandbox.context.faults.set("services", { tooManyRequests: { count: 1, retryAfterSeconds: 3 }, serverError: { count: 1 } });
    const tooMany = await fetch(services.healthUrls.test?.aytq ?? "");
    expect(tooMany.status).toBe(429);
    expect(tooMany.headers.get("retry-after")).toBe("3");
    expect((await fetch(services.healthUrls.test?.aytq ?? "")).status).toBe(500);
    expect((await fetch(services.healthUrls.test?.aytq ?? "")).status).toBe(200);
  });
});

describe("the worker's writes", () => {
  it("add rows while the worker runs, and stop when it is scaled to 0", async () => {
    const { namespace, worker } = test.kubernetes;
    const start = await searchLogs();
    await eventually(searchLogs, (n) => n >= start + 3);
    const stats = services.writerStats().test;
    expect(stats).toMatchObject({ running: true, lastError: null });
    expect(Date.parse(stats?.lastInsertedAt ?? "")).toBeGreaterThan(Date.now() - 10_000);

    kubernetes.scale({ namespace, name: worker.name, replicas: 0 });
    await eventually(() => kubernetes.readyReplicas(namespace, worker.name), (n) => n === 0);
    await new Promise((r) => setTimeout(r, 100));
    const stopped = await searchLogs();
    await new Promise((r) => setTimeout(r, 300));
    expect(await searchLogs()).toBe(stopped);
    expect(services.writerStats().test?.running).toBe(false);

    kubernetes.scale({ namespace, name: worker.name, replicas: 1 });
    await eventually(searchLogs, (n) => n > stopped + 1);
    const res = await fetch(`${services.url}/test/sandbox-writer`);
    expect(await res.json()).toMatchObject({ environment: "test", running: true });
  });
});
