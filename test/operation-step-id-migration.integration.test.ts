import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, quoteIdent, withDatabase } from "./database";

const MIGRATIONS = path.join(import.meta.dirname, "..", "prisma", "migrations");
const STEP_ID_MIGRATION = "20261127111000_operation_step_id";

/**
 * The migration that gives operations their step key must keep a database that already has operations: it fills the
 * new column from each operation's step run before making it required. Applied here over the migrations before it,
 * on a database with a recorded incident, step runs, attempts and operations, as a console upgraded mid-way would have.
 */
describe("migration 20261127111000_operation_step_id on a database with operations", () => {
  // Set by the integration set-up (test/integration-file-setup.ts): the test server's admin database.
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL!;
  const name = `dr_console_migration_${process.pid}`;
  let client: pg.Client;

  beforeAll(async () => {
    await adminQuery(adminUrl, `drop database if exists ${quoteIdent(name)} with (force)`);
    await adminQuery(adminUrl, `create database ${quoteIdent(name)}`);
    client = new pg.Client({ connectionString: withDatabase(adminUrl, name) });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await adminQuery(adminUrl, `drop database if exists ${quoteIdent(name)} with (force)`);
  });

  it("fills each operation's step key from its step run, then requires it", async () => {
    const names = (await readdir(MIGRATIONS, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(names).toContain(STEP_ID_MIGRATION);
    const apply = async (migration: string) => client.query(await readFile(path.join(MIGRATIONS, migration, "migration.sql"), "utf8"));
    for (const migration of names.filter((n) => n < STEP_ID_MIGRATION)) await apply(migration);

    const incident = "5b1f7c1e-0000-4000-8000-00000000c001";
    await client.query(
      `insert into "Incident" (id, "serviceKey", scenario, environment, mode, "leadId", "leadName", "detectedAt", "createdById", "createdByName", "updatedAt")
       values ($1, 'aytq', 'loss-of-data', 'test', 'drill', 'lead', 'Lead', now(), 'lead', 'Lead', now())`,
      [incident],
    );
    const steps = ["stop-service", "freeze-pipeline"];
    for (const [i, stepId] of steps.entries()) {
      const run = `5b1f7c1e-0000-4000-8000-00000000d00${i}`;
      const attempt = `5b1f7c1e-0000-4000-8000-00000000e00${i}`;
      await client.query(`insert into "StepRun" (id, "incidentId", "stepId", position, state, "attemptCount", "updatedAt") values ($1, $2, $3, $4, 'succeeded', 1, now())`, [run, incident, stepId, i]);
      await client.query(`insert into "StepAttempt" (id, "stepRunId", number, state, inputs, "inputsHash", "requestedById", "requestedByName") values ($1, $2, 1, 'succeeded', '{}', 'h', 'lead', 'Lead')`, [attempt, run]);
      await client.query(
        `insert into "Operation" (id, "incidentId", "stepRunId", "attemptId", system, kind, "idempotencyKey", request, status, "deadlineAt", "updatedAt")
         values (gen_random_uuid(), $1, $2, $3, 'kubernetes', 'kubernetes.scale', $4, '{}', 'succeeded', now(), now())`,
        [incident, run, attempt, `${incident}:${stepId}:1`],
      );
    }

    await apply(STEP_ID_MIGRATION);
    const { rows } = await client.query<{ stepId: string; key: string }>(`select "stepId", "idempotencyKey" as key from "Operation" order by "idempotencyKey"`);
    expect(rows).toEqual(steps.map((stepId) => ({ stepId, key: `${incident}:${stepId}:1` })).sort((a, b) => a.key.localeCompare(b.key)));
    const column = await client.query<{ is_nullable: string }>(`select is_nullable from information_schema.columns where table_name = 'Operation' and column_name = 'stepId'`);
    expect(column.rows[0]?.is_nullable).toBe("NO");
  });
});
