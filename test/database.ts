import pg from "pg";
import { startEmbeddedPostgres } from "../lib/database/embedded";
import { env } from "../lib/config/env";

/**
 * Test databases: on TEST_DATABASE_URL's server when set (CI sets it to the machine's PostgreSQL),
 * else on an embedded server kept in .data/test-postgres. Never anything but a local server.
 */

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]", ""]);

export function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to run tests against ${host}: TEST_DATABASE_URL must point at a local PostgreSQL (127.0.0.1 or localhost).`);
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The admin URL (database `postgres`) of the test server, starting the embedded one when needed. */
export async function testServerAdminUrl(): Promise<string> {
  return (await openTestServer()).adminUrl;
}

/**
 * The test server, and how to stop it when this process started it: TEST_DATABASE_URL's server (never stopped
 * here), else an embedded PostgreSQL, which whoever started it stops when the run ends (the integration run's
 * teardown, the end-to-end console's launcher), so that no test run leaves a server behind on a laptop. A process
 * that finds the embedded server already running (started by another part of the same run) gets a stop that does
 * nothing.
 */
export async function openTestServer(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const configured = env().TEST_DATABASE_URL;
  if (configured) {
    assertLocal(configured);
    return { adminUrl: withDatabase(configured, "postgres"), stop: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: ".data/test-postgres", port: 54330, database: "postgres" });
  return { adminUrl: embedded.adminUrl, stop: () => embedded.stop() };
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * One migrated template per test run (several runs may share a server: two people, or CI beside a session), named
 * after the run's process so that one run's set-up never drops another run's template.
 */
export function templateDatabaseName(runId: number = process.pid): string {
  return `dr_console_test_template_${runId}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Creates a fresh database as a copy of the migrated template (a fast file copy in PostgreSQL). */
export async function createTestDatabase(adminUrl: string, name: string, template: string): Promise<string> {
  await adminQuery(adminUrl, `create database ${quoteIdent(name)} template ${quoteIdent(template)}`);
  return withDatabase(adminUrl, name);
}

export async function dropTestDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `drop database if exists ${quoteIdent(name)} with (force)`);
}
