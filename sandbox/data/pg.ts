import pg from "pg";

/**
 * Small helpers over `pg` for the sandbox's data layer. Every emulated server is a database on one
 * PostgreSQL server, so most work is "open a client on database X, run SQL, close".
 */

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The URL of another database on the same PostgreSQL server. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A dropped database or a restarted server must not crash the sandbox's process.
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Ends every session on a database except our own (needed before a rename or a drop). */
export async function terminateSessions(client: pg.Client, database: string): Promise<void> {
  await client.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [database]);
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    await client.query(`drop database if exists ${quoteIdent(database)} with (force)`);
  });
}

/** Names of the databases whose name starts with a prefix (LIKE-escaped). */
export async function listDatabases(adminUrl: string, prefix: string): Promise<string[]> {
  return withClient(adminUrl, async (client) => {
    const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows = await client.query<{ datname: string }>("select datname from pg_database where datname like $1 order by datname", [`${escaped}%`]);
    return rows.rows.map((r) => r.datname);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
