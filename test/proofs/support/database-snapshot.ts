import pg from "pg";

/** Columns that change on a read by design (bookkeeping), left out of the comparison. */
const BOOKKEEPING: Record<string, string[]> = { ApiToken: ["lastUsedAt"] };

export interface DatabaseSnapshot {
  /** md5 of every row of every table of the console's schema (the audit trail apart). */
  tables: Record<string, string>;
  /** The newest audit row: rows after it are what a request added to the trail. */
  lastAuditId: string;
}

/** Everything the console stores, fingerprinted, to prove a refused request changed nothing. */
export async function snapshotDatabase(databaseUrl: string): Promise<DatabaseSnapshot> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const names = (
      await client.query<{ table_name: string }>(
        `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
           and table_name not in ('_prisma_migrations', 'AuditEvent') order by table_name`,
      )
    ).rows.map((r) => r.table_name);
    const tables: Record<string, string> = {};
    for (const name of names) {
      const drop = (BOOKKEEPING[name] ?? []).map((c) => ` - '${c}'`).join("");
      const row = (await client.query<{ h: string }>(`select md5(coalesce(string_agg(j, ',' order by j), '')) as h from (select (to_jsonb(t)${drop})::text as j from "${name}" t) rows`)).rows[0]!;
      tables[name] = row.h;
    }
    const last = (await client.query<{ id: string | null }>(`select max(id)::text as id from "AuditEvent"`)).rows[0]!.id ?? "0";
    return { tables, lastAuditId: last };
  } finally {
    await client.end();
  }
}

/** Tables whose contents differ, and the audit rows added after `before` (action, outcome). */
export async function changesSince(databaseUrl: string, before: DatabaseSnapshot): Promise<{ tables: string[]; audit: { action: string; outcome: string }[]; after: DatabaseSnapshot }> {
  const after = await snapshotDatabase(databaseUrl);
  const tables = Object.keys({ ...before.tables, ...after.tables }).filter((t) => before.tables[t] !== after.tables[t]);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const audit = (await client.query<{ action: string; outcome: string }>(`select action, outcome from "AuditEvent" where id > $1::bigint order by id`, [before.lastAuditId])).rows;
    return { tables, audit, after };
  } finally {
    await client.end();
  }
}
