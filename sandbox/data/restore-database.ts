import type pg from "pg";
import { SEEDED_TABLES } from "./aytq-schema";
import type { BaseCopyInfo, ChangeEntry, HistoryStore } from "./history-store";
import { databaseUrl, quoteIdent, withClient } from "./pg";

/**
 * Rebuilds a server's data as it was at a point in time, into a new database: the newest base copy at or
 * before the point, then every logged change up to and including the point that the copy does not hold
 * (decided by the copy's snapshot, so a transaction in flight while it was read is neither lost nor doubled).
 * Replay is idempotent all the same: INSERT/UPDATE upsert the whole row image, DELETE removes the key if there.
 */

export class NoHistoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoHistoryError";
  }
}

export interface RestoreResult {
  baseCopy: BaseCopyInfo;
  replayed: number;
}

const BATCH = 2000;

export async function restoreToPoint(options: {
  adminUrl: string;
  templateDatabase: string;
  targetDatabase: string;
  history: HistoryStore;
  serverKey: string;
  point: Date;
}): Promise<RestoreResult> {
  const { history, serverKey, point } = options;
  const baseCopy = await history.baseCopyAtOrBefore(serverKey, point);
  if (!baseCopy) throw new NoHistoryError(`No backup of server ${serverKey} exists at or before ${point.toISOString()}.`);
  const entries = await history.entriesAfterBase(serverKey, baseCopy, point);

  await withClient(options.adminUrl, async (admin) => {
    await admin.query(`drop database if exists ${quoteIdent(options.targetDatabase)} with (force)`);
    await admin.query(`create database ${quoteIdent(options.targetDatabase)} template ${quoteIdent(options.templateDatabase)}`);
  });

  await withClient(databaseUrl(options.adminUrl, options.targetDatabase), async (client) => {
    await client.query("set sandbox.replaying = on");
    const present = new Set(baseCopy.tables);
    for (const table of SEEDED_TABLES) {
      if (!present.has(table)) await client.query(`drop table if exists public.${quoteIdent(table)}`);
    }
    const shapes = new Map<string, TableShape>();
    for (const table of baseCopy.tables) {
      if (!(SEEDED_TABLES as readonly string[]).includes(table)) continue;
      shapes.set(table, await tableShape(client, table));
      const rows = await history.baseCopyRows(baseCopy.id, table);
      for (let i = 0; i < rows.length; i += BATCH) {
        await client.query(`insert into public.${quoteIdent(table)} select * from jsonb_populate_recordset(null::public.${quoteIdent(table)}, $1::jsonb)`, [
          JSON.stringify(rows.slice(i, i + BATCH)),
        ]);
      }
    }
    await replay(client, shapes, entries);
    for (const [table, shape] of shapes) {
      if (shape.serialColumn) {
        await client.query(
          `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${quoteIdent(shape.serialColumn)}) from public.${quoteIdent(table)}), 0) + 1, false)`,
          [`public.${quoteIdent(table)}`, shape.serialColumn],
        );
      }
    }
  });
  return { baseCopy, replayed: entries.length };
}

interface TableShape {
  columns: string[];
  key: string[];
  serialColumn?: string;
}

async function tableShape(client: pg.Client, table: string): Promise<TableShape> {
  const columns = await client.query<{ attname: string }>(
    "select attname from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped order by attnum",
    [`public.${quoteIdent(table)}`],
  );
  const key = await client.query<{ attname: string }>(
    `select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
     where i.indrelid = $1::regclass and i.indisprimary`,
    [`public.${quoteIdent(table)}`],
  );
  const serial = await client.query<{ attname: string }>(
    "select attname from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped and pg_get_serial_sequence($1::text, attname::text) is not null",
    [`public.${quoteIdent(table)}`],
  );
  return { columns: columns.rows.map((r) => r.attname), key: key.rows.map((r) => r.attname), serialColumn: serial.rows[0]?.attname };
}

type Step = { kind: "upsert" | "delete"; table: string; rows: Record<string, unknown>[] } | { kind: "truncate"; table: string };

/** Turns the log into steps, merging runs of the same kind on the same table (the last image of a key wins). */
export function planReplay(entries: ChangeEntry[], keyOf: (table: string) => string[]): Step[] {
  const steps: Step[] = [];
  const push = (kind: "upsert" | "delete", table: string, row: Record<string, unknown>) => {
    const last = steps.at(-1);
    if (last && last.kind === kind && last.table === table) last.rows.push(row);
    else steps.push({ kind, table, rows: [row] });
  };
  for (const entry of entries) {
    const key = keyOf(entry.table);
    if (entry.op === "TRUNCATE") steps.push({ kind: "truncate", table: entry.table });
    else if (entry.op === "DELETE" && entry.oldRow) push("delete", entry.table, entry.oldRow);
    else if (entry.op === "INSERT" && entry.newRow) push("upsert", entry.table, entry.newRow);
    else if (entry.op === "UPDATE" && entry.newRow) {
      if (entry.oldRow && key.some((k) => entry.oldRow![k] !== entry.newRow![k])) push("delete", entry.table, entry.oldRow);
      push("upsert", entry.table, entry.newRow);
    }
  }
  for (const step of steps) {
    if (step.kind !== "truncate") {
      const key = keyOf(step.table);
      // One statement cannot touch a row twice (ON CONFLICT rule): keep each key's last image, in order.
      const byKey = new Map<string, Record<string, unknown>>();
      for (const row of step.rows) {
        const id = JSON.stringify(key.map((k) => row[k]));
        byKey.delete(id);
        byKey.set(id, row);
      }
      step.rows = key.length ? [...byKey.values()] : step.rows;
    }
  }
  return steps;
}

async function replay(client: pg.Client, shapes: Map<string, TableShape>, entries: ChangeEntry[]): Promise<void> {
  const steps = planReplay(
    entries.filter((e) => shapes.has(e.table)),
    (table) => shapes.get(table)?.key ?? [],
  );
  for (const step of steps) {
    const shape = shapes.get(step.table)!;
    const t = `public.${quoteIdent(step.table)}`;
    if (step.kind === "truncate") {
      await client.query(`truncate ${t}`);
      continue;
    }
    for (let i = 0; i < step.rows.length; i += BATCH) {
      const json = JSON.stringify(step.rows.slice(i, i + BATCH));
      if (step.kind === "delete") {
        const match = shape.key.length ? shape.key : shape.columns;
        const where = match.map((c) => `t.${quoteIdent(c)} is not distinct from r.${quoteIdent(c)}`).join(" and ");
        await client.query(`delete from ${t} t using jsonb_populate_recordset(null::${t}, $1::jsonb) r where ${where}`, [json]);
      } else if (shape.key.length) {
        const others = shape.columns.filter((c) => !shape.key.includes(c));
        const onConflict = others.length
          ? `do update set ${others.map((c) => `${quoteIdent(c)} = excluded.${quoteIdent(c)}`).join(", ")}`
          : "do nothing";
        await client.query(
          `insert into ${t} select * from jsonb_populate_recordset(null::${t}, $1::jsonb) on conflict (${shape.key.map(quoteIdent).join(", ")}) ${onConflict}`,
          [json],
        );
      } else {
        await client.query(`insert into ${t} select * from jsonb_populate_recordset(null::${t}, $1::jsonb)`, [json]);
      }
    }
  }
}
