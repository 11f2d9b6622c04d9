import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { childEnvironment } from "../config/env";
import { adminQuery, quoteIdent, withDatabase } from "../../test/database";

/**
 * The Prisma CLI driving prisma/engine/schema-engine-wasm.mjs (the schema engine compiled to wasm, used where
 * Prisma's native engine cannot be downloaded): the real `prisma migrate ...` commands, as child processes, on
 * throwaway databases, with the migrations in a temporary folder (never prisma/migrations).
 *
 * The CLI exits 0 even when the schema engine dies under it (seen with Prisma 7.10: `migrate deploy` prints
 * nothing more and succeeds), so every step also checks the output and the database itself.
 */

const root = path.resolve(import.meta.dirname, "..", "..");
const SHIM = path.join(root, "prisma", "engine", "schema-engine-wasm.mjs");
const PRISMA_CLI = path.join(root, "node_modules", "prisma", "build", "index.js");

// The test server (TEST_DATABASE_URL's, or the embedded one) from the integration global setup; the machine's
// PostgreSQL when this file runs outside it.
const adminUrl = inject("testAdminUrl") ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const devDatabase = `prisma_shim_dev_${suffix}`;
const deployDatabase = `prisma_shim_deploy_${suffix}`;

const SCHEMA = `
datasource db {
  provider = "postgresql"
}

enum Mode {
  incident
  drill
}

model Runbook {
  id    Int    @id @default(autoincrement())
  title String @unique
  mode  Mode   @default(drill)
  steps Step[]
}

model Step {
  id        Int     @id @default(autoincrement())
  runbookId Int
  runbook   Runbook @relation(fields: [runbookId], references: [id], onDelete: Cascade)
  position  Int

  @@unique([runbookId, position])
}
`;

// The second migration: a column and a table more, diffed against a shadow database built from the first.
const SCHEMA_V2 = `${SCHEMA.replace("position  Int\n", "position  Int\n  note      String?\n")}
model Approval {
  id     Int    @id @default(autoincrement())
  stepId Int
  actor  String
}
`;

// The third: made while the second is written but not yet applied.
const SCHEMA_V3 = `${SCHEMA_V2}
model AuditEvent {
  id   Int    @id @default(autoincrement())
  kind String
}
`;

// Hand-written SQL added to the second migration: semicolons inside a comment and inside a function body, which
// must reach PostgreSQL as one script (adapter-pg on its own splits scripts at every ";").
const HAND_WRITTEN_SQL = `
-- Added by hand; Prisma cannot express it: approvals store the actor in lower case.
CREATE FUNCTION approval_actor_lower() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.actor := lower(NEW.actor);
  RETURN NEW;
END;
$$;
CREATE TRIGGER approval_actor_lower BEFORE INSERT ON "Approval" FOR EACH ROW EXECUTE FUNCTION approval_actor_lower();
`;

let workDir: string;

interface Run {
  code: number;
  out: string;
}

/** Runs `prisma <args>` with a config pointing at the temporary schema/migrations and at `database`. */
async function prisma(args: string[], database: string): Promise<Run> {
  const config = path.join(workDir, `prisma.config.${database}.mjs`);
  await writeFile(
    config,
    `export default ${JSON.stringify({
      schema: path.join(workDir, "schema.prisma"),
      migrations: { path: path.join(workDir, "migrations") },
      datasource: { url: withDatabase(adminUrl, database) },
    })};\n`,
  );
  const env = childEnvironment({
    // Always the wasm engine, even on a machine where the native one is installed.
    PRISMA_SCHEMA_ENGINE_BINARY: SHIM,
    PRISMA_MIGRATION_ENGINE_BINARY: undefined,
    DATABASE_URL: undefined,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  });
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [PRISMA_CLI, ...args, "--config", config],
      { cwd: workDir, env, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, out: `${stdout}\n${stderr}` });
      },
    );
  });
}

async function query<T extends pg.QueryResultRow>(database: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: withDatabase(adminUrl, database) });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function tables(database: string): Promise<string[]> {
  const rows = await query<{ table_name: string }>(
    database,
    "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
  );
  return rows.map((r) => r.table_name);
}

async function appliedMigrations(database: string): Promise<string[]> {
  const rows = await query<{ migration_name: string }>(
    database,
    "select migration_name from _prisma_migrations where finished_at is not null and rolled_back_at is null order by migration_name",
  );
  return rows.map((r) => r.migration_name);
}

async function shadowDatabases(): Promise<string[]> {
  const rows = await query<{ datname: string }>(
    "postgres",
    "select datname from pg_database where datname like 'prisma_migrate_shadow_db_%' order by datname",
  );
  return rows.map((r) => r.datname);
}

async function migrationFolders(): Promise<string[]> {
  const entries = await readdir(path.join(workDir, "migrations"), { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "prisma-wasm-engine-"));
  await writeFile(path.join(workDir, "schema.prisma"), SCHEMA);
});

afterAll(async () => {
  for (const database of [devDatabase, deployDatabase]) {
    await adminQuery(adminUrl, `drop database if exists ${quoteIdent(database)} with (force)`);
  }
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("the Prisma CLI on the wasm schema engine", () => {
  it("migrate dev creates the database, writes the first migration and applies it", async () => {
    const run = await prisma(["migrate", "dev", "--name", "init"], devDatabase);

    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain(`database ${devDatabase} created`); // `cli can-connect-to-database` said P1003
    expect(run.out).toContain("Your database is now in sync with your schema.");
    const folders = await migrationFolders();
    expect(folders).toHaveLength(1);
    expect(folders[0]).toMatch(/^\d{14}_init$/);
    const sql = await readFile(path.join(workDir, "migrations", folders[0]!, "migration.sql"), "utf8");
    expect(sql).toContain('CREATE TABLE "Runbook"');
    expect(sql).toContain('CREATE TYPE "Mode"');
    expect(await tables(devDatabase)).toEqual(["Runbook", "Step", "_prisma_migrations"]);
    expect(await appliedMigrations(devDatabase)).toEqual(folders);
  });

  it("migrate dev --create-only writes a second migration from the history replayed on a shadow database", async () => {
    await writeFile(path.join(workDir, "schema.prisma"), SCHEMA_V2);
    const run = await prisma(["migrate", "dev", "--create-only", "--name", "approvals"], devDatabase);

    expect(run.code, run.out).toBe(0);
    const folders = await migrationFolders();
    expect(folders).toHaveLength(2);
    const file = path.join(workDir, "migrations", folders[1]!, "migration.sql");
    const sql = await readFile(file, "utf8");
    // Only the difference: the shadow database really held the first migration's schema.
    expect(sql).not.toContain('CREATE TABLE "Runbook"');
    expect(sql).toContain('CREATE TABLE "Approval"');
    expect(sql).toMatch(/ALTER TABLE "Step" ADD COLUMN\s+"note" TEXT/);
    await writeFile(file, sql + HAND_WRITTEN_SQL);
    expect(await appliedMigrations(devDatabase)).toEqual(folders.slice(0, 1));
  });

  it("migrate dev applies the pending migration, hand-written SQL included, and writes a third", async () => {
    const shadowsBefore = await shadowDatabases();
    await writeFile(path.join(workDir, "schema.prisma"), SCHEMA_V3);
    const run = await prisma(["migrate", "dev", "--name", "audit"], devDatabase);

    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain("Your database is now in sync with your schema.");
    const folders = await migrationFolders();
    expect(folders).toHaveLength(3);
    expect(folders[2]).toMatch(/_audit$/);
    const sql = await readFile(path.join(workDir, "migrations", folders[2]!, "migration.sql"), "utf8");
    expect(sql).toContain('CREATE TABLE "AuditEvent"');
    expect(sql).not.toContain('CREATE TABLE "Approval"');
    expect(await tables(devDatabase)).toEqual(["Approval", "AuditEvent", "Runbook", "Step", "_prisma_migrations"]);
    expect(await appliedMigrations(devDatabase)).toEqual(folders);
    const [approval] = await query(devDatabase, `insert into "Approval" ("stepId", actor) values (1, 'ALICE') returning actor`);
    expect(approval).toEqual({ actor: "alice" });
    // The shadow databases it made were dropped again.
    expect(await shadowDatabases()).toEqual(shadowsBefore);
  });

  it("migrate status reports the database up to date", async () => {
    const run = await prisma(["migrate", "status"], devDatabase);

    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain("3 migrations found");
    expect(run.out).toContain("Database schema is up to date!");
  });

  it("migrate deploy applies every migration to a new database, then has nothing left to do", async () => {
    const first = await prisma(["migrate", "deploy"], deployDatabase);

    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain("All migrations have been successfully applied.");
    expect(await tables(deployDatabase)).toEqual(["Approval", "AuditEvent", "Runbook", "Step", "_prisma_migrations"]);
    expect(await appliedMigrations(deployDatabase)).toEqual(await migrationFolders());

    const again = await prisma(["migrate", "deploy"], deployDatabase);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain("No pending migrations to apply.");
  });

  it("migrate reset --force empties the database and applies the migrations again", async () => {
    await query(devDatabase, `insert into "Runbook" (title) values ('Restore AYTQ')`);

    const run = await prisma(["migrate", "reset", "--force"], devDatabase);

    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain("have been applied");
    expect(await tables(devDatabase)).toEqual(["Approval", "AuditEvent", "Runbook", "Step", "_prisma_migrations"]);
    expect(await query(devDatabase, `select * from "Runbook"`)).toEqual([]);
    expect(await query(devDatabase, `select * from "Approval"`)).toEqual([]);
    expect(await appliedMigrations(devDatabase)).toEqual(await migrationFolders());
  });
});
