import pg from "pg";
import { HISTORY_MACHINERY_DDL, SEEDED_TABLES, historyTriggersDdl } from "./aytq-schema";
import type { BaseCopyInfo, ChangeEntry, ChangeOp, HistoryStore } from "./history-store";
import { databaseUrl } from "./pg";

/**
 * One emulated server's live database, as the sandbox sees it: drains the triggers' outbox into the history
 * store, notices when the tables themselves changed (a table dropped, a dump restored over it) and takes
 * base copies.
 */

const DRAIN_BATCH = 5000;

/** Identifies the set of tables (and the history schema) by their OIDs: any drop or re-creation changes it. */
const FINGERPRINT_SQL = `
select coalesce((select oid::text from pg_namespace where nspname = 'sandbox_history'), 'none') || '|' ||
  coalesce((select string_agg(c.relname || '=' || c.oid::text, ',' order by c.relname)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p')), '') as fingerprint`;

export class LiveDatabase {
  private readonly pool: pg.Pool;

  constructor(
    readonly options: { adminUrl: string; database: string; serverKey: string; history: HistoryStore },
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl(options.adminUrl, options.database), max: 2, idleTimeoutMillis: 3_000 });
    this.pool.on("error", () => undefined);
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }

  async fingerprint(): Promise<string> {
    const found = await this.pool.query<{ fingerprint: string }>(FINGERPRINT_SQL);
    return found.rows[0]!.fingerprint;
  }

  /** Installs (or re-attaches) the outbox, its functions and the triggers on every known table present. */
  async ensureMachinery(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query(HISTORY_MACHINERY_DDL);
      for (const table of await presentTables(client)) await client.query(historyTriggersDdl(table));
    } finally {
      client.release();
    }
  }

  /** Moves the outbox's entries into the history store; returns how many. */
  async drain(): Promise<number> {
    let moved = 0;
    for (;;) {
      const found = await this.pool.query<{ id: string; entry_id: string; at: Date; xid: string; table_name: string; op: ChangeOp; old_row: Record<string, unknown> | null; new_row: Record<string, unknown> | null }>(
        `select id, entry_id, at, xid::text as xid, table_name, op, old_row, new_row from sandbox_history.outbox order by id limit ${DRAIN_BATCH}`,
      );
      if (found.rows.length === 0) return moved;
      const entries: ChangeEntry[] = found.rows.map((r) => ({ entryId: r.entry_id, at: r.at, xid: r.xid, table: r.table_name, op: r.op, oldRow: r.old_row, newRow: r.new_row }));
      await this.options.history.appendEntries(this.options.serverKey, entries);
      await this.pool.query("delete from sandbox_history.outbox where id <= $1", [found.rows.at(-1)!.id]);
      moved += entries.length;
      if (found.rows.length < DRAIN_BATCH) return moved;
    }
  }

  /** Empties the outbox without recording it: after the tables changed under it, its entries may be stale. */
  async discardOutbox(): Promise<void> {
    await this.pool.query("truncate sandbox_history.outbox");
  }

  /** Every row of every known table, from one consistent snapshot, into the history store. */
  async takeBaseCopy(reason: string): Promise<BaseCopyInfo> {
    const client = await this.pool.connect();
    try {
      await client.query("begin isolation level repeatable read read only");
      // The first statement fixes the transaction's snapshot: record it, it says which changes the copy holds.
      const now = await client.query<{ now: Date; snapshot: string }>("select clock_timestamp() as now, pg_current_snapshot()::text as snapshot");
      const { now: takenAt, snapshot } = now.rows[0]!;
      const tables = new Map<string, unknown[]>();
      for (const table of await presentTables(client)) {
        const rows = await client.query<{ rows: unknown[] }>(`select coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb) as rows from public."${table}" t`);
        tables.set(table, rows.rows[0]!.rows);
      }
      await client.query("commit");
      return await this.options.history.recordBaseCopy({ serverKey: this.options.serverKey, takenAt, snapshot, tables, reason });
    } catch (error) {
      await client.query("rollback").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Runs SQL in the live database as the app would (so the history triggers see it). */
  async query<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(sql, values);
  }
}

/** Known application tables that exist in the public schema, in creation order. */
export async function presentTables(client: pg.ClientBase): Promise<string[]> {
  const found = await client.query<{ relname: string }>(
    "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p')",
  );
  const present = new Set(found.rows.map((r) => r.relname));
  return SEEDED_TABLES.filter((t) => present.has(t));
}
