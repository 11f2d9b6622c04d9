import pg from "pg";
import { databaseUrl, quoteIdent, withClient } from "./pg";

/**
 * The sandbox's own record of every emulated server's data over time, in a database of its own
 * (`sbx_<instance>_history`), so that a server's history outlives the server (revive after deletion) and
 * survives whatever a restore does to the live database.
 *
 * Two kinds of record, keyed by the server incarnation's key:
 * - base copies: every row of every application table at one moment (at creation, periodically, before
 *   disasters, after anything changed the tables themselves);
 * - the change log: each row change (INSERT/UPDATE/DELETE/TRUNCATE) with the time it was made.
 * A restore to a point takes the newest base copy at or before it and replays the log up to it.
 */

export type ChangeOp = "INSERT" | "UPDATE" | "DELETE" | "TRUNCATE";

export interface ChangeEntry {
  entryId: string;
  at: Date;
  /** The writing transaction's id (xid8 as text); absent for the seeded, made-up past. */
  xid?: string | null;
  table: string;
  op: ChangeOp;
  oldRow?: Record<string, unknown> | null;
  newRow?: Record<string, unknown> | null;
}

export interface BaseCopyInfo {
  id: number;
  takenAt: Date;
  /** The snapshot the copy was read in (pg_snapshot as text): which transactions it holds. */
  snapshot?: string | null;
  tables: string[];
  reason: string;
}

const SCHEMA = `
create table if not exists change_log (
  seq bigserial primary key,
  server_key text not null,
  entry_id uuid not null,
  at timestamptz not null,
  table_name text not null,
  op text not null,
  old_row jsonb,
  new_row jsonb,
  unique (server_key, entry_id)
);
create index if not exists change_log_server_at on change_log (server_key, at);
create table if not exists base_copy (
  id bigserial primary key,
  server_key text not null,
  taken_at timestamptz not null,
  tables text[] not null,
  reason text not null
);
create index if not exists base_copy_server_taken on base_copy (server_key, taken_at);
create table if not exists base_copy_row (
  base_id bigint not null references base_copy (id) on delete cascade,
  table_name text not null,
  row_data jsonb not null
);
create index if not exists base_copy_row_base on base_copy_row (base_id, table_name);
alter table change_log add column if not exists xid xid8;
alter table base_copy add column if not exists snapshot pg_snapshot;
`;

const BATCH = 2000;

export class HistoryStore {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(options: { adminUrl: string; database: string }): Promise<HistoryStore> {
    await withClient(options.adminUrl, async (client) => {
      const found = await client.query("select 1 from pg_database where datname = $1", [options.database]);
      if (!found.rowCount) await client.query(`create database ${quoteIdent(options.database)}`);
    });
    const pool = new pg.Pool({ connectionString: databaseUrl(options.adminUrl, options.database), max: 4, idleTimeoutMillis: 5_000 });
    pool.on("error", () => undefined);
    await pool.query(SCHEMA);
    return new HistoryStore(pool);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async appendEntries(serverKey: string, entries: ChangeEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += BATCH) {
      const batch = entries.slice(i, i + BATCH).map((e) => ({
        entry_id: e.entryId,
        at: e.at.toISOString(),
        xid: e.xid ?? null,
        table_name: e.table,
        op: e.op,
        old_row: e.oldRow ?? null,
        new_row: e.newRow ?? null,
      }));
      await this.pool.query(
        `insert into change_log (server_key, entry_id, at, xid, table_name, op, old_row, new_row)
         select $1, x.entry_id, x.at, x.xid::xid8, x.table_name, x.op, x.old_row, x.new_row
         from jsonb_to_recordset($2::jsonb) as x(entry_id uuid, at timestamptz, xid text, table_name text, op text, old_row jsonb, new_row jsonb)
         on conflict (server_key, entry_id) do nothing`,
        [serverKey, JSON.stringify(batch)],
      );
    }
  }

  async recordBaseCopy(options: {
    serverKey: string;
    takenAt: Date;
    snapshot?: string | null;
    tables: Map<string, unknown[]>;
    reason: string;
  }): Promise<BaseCopyInfo> {
    const client = await this.pool.connect();
    try {
      await client.query("begin");
      const inserted = await client.query<{ id: string }>(
        "insert into base_copy (server_key, taken_at, snapshot, tables, reason) values ($1, $2, $3::pg_snapshot, $4, $5) returning id",
        [options.serverKey, options.takenAt, options.snapshot ?? null, [...options.tables.keys()], options.reason],
      );
      const id = Number(inserted.rows[0]!.id);
      for (const [table, rows] of options.tables) {
        for (let i = 0; i < rows.length; i += BATCH) {
          await client.query(
            "insert into base_copy_row (base_id, table_name, row_data) select $1, $2, x from jsonb_array_elements($3::jsonb) x",
            [id, table, JSON.stringify(rows.slice(i, i + BATCH))],
          );
        }
      }
      await client.query("commit");
      return { id, takenAt: options.takenAt, snapshot: options.snapshot ?? null, tables: [...options.tables.keys()], reason: options.reason };
    } catch (error) {
      await client.query("rollback").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The newest base copy taken at or before `point`. */
  async baseCopyAtOrBefore(serverKey: string, point: Date): Promise<BaseCopyInfo | undefined> {
    const found = await this.pool.query<{ id: string; taken_at: Date; snapshot: string | null; tables: string[]; reason: string }>(
      "select id, taken_at, snapshot::text as snapshot, tables, reason from base_copy where server_key = $1 and taken_at <= $2 order by taken_at desc, id desc limit 1",
      [serverKey, point],
    );
    const row = found.rows[0];
    return row ? { id: Number(row.id), takenAt: row.taken_at, snapshot: row.snapshot, tables: row.tables, reason: row.reason } : undefined;
  }

  async baseCopyRows(baseId: number, table: string): Promise<unknown[]> {
    const found = await this.pool.query<{ row_data: unknown }>("select row_data from base_copy_row where base_id = $1 and table_name = $2", [baseId, table]);
    return found.rows.map((r) => r.row_data);
  }

  /**
   * The changes a restore to `upTo` must apply on top of `base`, in the order they were made: those up to the
   * point that the base copy does not hold. With a snapshot, "holds" is exact (the entry's transaction is
   * visible in it, even one that committed while the copy was read); without (the seeded past), it is time.
   */
  async entriesAfterBase(serverKey: string, base: BaseCopyInfo, upTo: Date): Promise<ChangeEntry[]> {
    const found = await this.pool.query<{ entry_id: string; at: Date; xid: string | null; table_name: string; op: ChangeOp; old_row: Record<string, unknown> | null; new_row: Record<string, unknown> | null }>(
      `select entry_id, at, xid::text as xid, table_name, op, old_row, new_row from change_log
       where server_key = $1 and at <= $2 and at > $3::timestamptz - interval '1 hour'
         and case when $4::pg_snapshot is null or xid is null then at > $3::timestamptz
                  else not pg_visible_in_snapshot(xid, $4::pg_snapshot) end
       order by at, seq`,
      [serverKey, upTo, base.takenAt, base.snapshot ?? null],
    );
    return found.rows.map((r) => ({ entryId: r.entry_id, at: r.at, xid: r.xid, table: r.table_name, op: r.op, oldRow: r.old_row, newRow: r.new_row }));
  }

  /**
   * Drops what no restore inside the window can need: base copies older than the newest one at or before
   * `keepFrom`, and changes older than that one.
   */
  async prune(serverKey: string, keepFrom: Date): Promise<void> {
    const anchor = await this.baseCopyAtOrBefore(serverKey, keepFrom);
    if (!anchor) return;
    await this.pool.query("delete from base_copy where server_key = $1 and taken_at < $2", [serverKey, anchor.takenAt]);
    await this.pool.query("delete from change_log where server_key = $1 and at < $2", [serverKey, new Date(anchor.takenAt.getTime() - 60_000)]);
  }

  async clear(): Promise<void> {
    await this.pool.query("truncate change_log, base_copy, base_copy_row");
  }

  async forget(serverKey: string): Promise<void> {
    await this.pool.query("delete from base_copy where server_key = $1", [serverKey]);
    await this.pool.query("delete from change_log where server_key = $1", [serverKey]);
  }
}
