import { childEnvironment, env, resetEnvCache } from "../../lib/config/env";
import { disconnectDb } from "../../lib/db";
import { stopBoss } from "../../lib/jobs/boss";
import { stopLiveHub } from "../../lib/live/get-live-hub";
import { getMigrationStateAt } from "../../lib/database/migrations";
import { bin, run } from "../../scripts/lib/run";
import { adminQuery, quoteIdent, testServerAdminUrl, withDatabase } from "../../test/database";

export interface BenchDatabase {
  url: string;
  /** `postgres` database of the same server (the sandbox puts its emulated servers there). */
  adminUrl: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated console database for one benchmark, on the machine's PostgreSQL (TEST_DATABASE_URL, as in CI) or
 * the embedded one the tests use; made this process's DATABASE_URL, so in-process feature functions (seeding, the
 * in-process engine) work on it. Dropped again afterwards.
 */
export async function createBenchDatabase(name: string): Promise<BenchDatabase> {
  const adminUrl = env().TEST_DATABASE_URL ? withDatabase(env().TEST_DATABASE_URL!, "postgres") : await testServerAdminUrl();
  const database = `dr_console_bench_${name}_${process.pid}`;
  await adminQuery(adminUrl, `drop database if exists ${quoteIdent(database)} with (force)`);
  await adminQuery(adminUrl, `create database ${quoteIdent(database)}`);
  const url = withDatabase(adminUrl, database);
  // Quietly: the benchmark's standard output is its JSON lines and table.
  await run(bin("prisma"), ["migrate", "deploy"], { stdio: "ignore", env: childEnvironment({ DATABASE_URL: url }) });
  if (!(await getMigrationStateAt(url)).current) throw new Error(`The migrations did not apply to ${database}.`);
  await releaseProcessClients();
  // Benchmark infrastructure: the in-process feature functions read DATABASE_URL through lib/config/env.ts.
  process.env.DATABASE_URL = url;
  resetEnvCache();
  return {
    url,
    adminUrl,
    drop: async () => {
      await releaseProcessClients();
      await adminQuery(adminUrl, `drop database if exists ${quoteIdent(database)} with (force)`);
    },
  };
}

/** Closes this process's Prisma pool, pg-boss and live hub so that the next benchmark's database gets fresh ones. */
async function releaseProcessClients(): Promise<void> {
  await stopLiveHub();
  await stopBoss();
  await disconnectDb();
}
