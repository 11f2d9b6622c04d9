import { db } from "../db";
import { getMigrationState, type MigrationState } from "../database/migrations";
import { env } from "../config/env";
import packageJson from "../../package.json" with { type: "json" };

export interface ConsoleHealth {
  status: "ok" | "unavailable";
  version: string;
  checkedAt: string;
  database: { reachable: boolean; latencyMs?: number; error?: string };
  migrations: (MigrationState & { error?: undefined }) | { current: false; error: string };
}

/** The console's own health: its database answers and its schema is the one this build expects. */
export async function getConsoleHealth(): Promise<ConsoleHealth> {
  const checkedAt = new Date().toISOString();
  const version = env().APP_VERSION ?? packageJson.version;
  let database: ConsoleHealth["database"];
  const started = performance.now();
  try {
    await db().$queryRaw`select 1`;
    database = { reachable: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    database = { reachable: false, error: describe(error) };
  }
  let migrations: ConsoleHealth["migrations"];
  if (!database.reachable) {
    migrations = { current: false, error: "not checked: the database is unreachable" };
  } else {
    try {
      migrations = await getMigrationState();
    } catch (error) {
      migrations = { current: false, error: describe(error) };
    }
  }
  const status = database.reachable && migrations.current ? "ok" : "unavailable";
  return { status, version, checkedAt, database, migrations };
}

function describe(error: unknown): string {
  // Only the first line: connection errors can carry the URL further down.
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n").find((l) => l.trim()) ?? "unknown error").replace(/postgres(ql)?:\/\/[^\s]+/g, "[database url]");
}
