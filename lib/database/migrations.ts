import { readdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { db } from "../db";

export interface MigrationState {
  /** Every migration folder in prisma/migrations has been applied and none is half-applied. */
  current: boolean;
  applied: number;
  expected: number;
  pending: string[];
  failed: string[];
}

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

async function expectedMigrations(): Promise<string[]> {
  // A missing folder is a packaging fault (the image must carry prisma/migrations), not "nothing to apply".
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => {
    throw new Error(`The migrations folder ${MIGRATIONS_DIR} is missing: cannot tell whether the schema is current.`);
  });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

type MigrationRow = { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null };

/** Compares prisma/migrations with what `prisma migrate deploy` recorded in `_prisma_migrations`. */
export async function getMigrationState(): Promise<MigrationState> {
  const rows = await db().$queryRaw<MigrationRow[]>`select migration_name, finished_at, rolled_back_at from _prisma_migrations`;
  return compare(rows);
}

/**
 * The same check on any database URL, without the app's Prisma client: the launcher runs it after
 * `prisma migrate deploy`, whose exit code is 0 even when its engine dies (seen with Prisma 7.10).
 */
export async function getMigrationStateAt(url: string): Promise<MigrationState> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<MigrationRow>("select migration_name, finished_at, rolled_back_at from _prisma_migrations");
    return compare(result.rows);
  } finally {
    await client.end();
  }
}

async function compare(rows: MigrationRow[]): Promise<MigrationState> {
  const expected = await expectedMigrations();
  const applied = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
  const failed = rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name);
  const pending = expected.filter((name) => !applied.has(name));
  return { current: pending.length === 0 && failed.length === 0, applied: applied.size, expected: expected.length, pending, failed };
}
