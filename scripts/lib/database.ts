import path from "node:path";
import { startEmbeddedPostgres, ensureDatabase, type EmbeddedDatabase } from "../../lib/database/embedded";
import { ROOT, bin, run } from "./run";
import { childEnvironment } from "../../lib/config/env";
import { getMigrationStateAt } from "../../lib/database/migrations";

export interface ConsoleDatabase {
  url: string;
  /** URL of the same server's `postgres` database: the sandbox creates its emulated servers there. */
  adminUrl: string;
  embedded?: EmbeddedDatabase;
}

export function adminUrlOf(url: string): string {
  const u = new URL(url);
  u.pathname = "/postgres";
  return u.toString();
}

/** The configured server, or the embedded one in `dataDir` when none is configured. */
export async function openConsoleDatabase(options: {
  url?: string;
  dataDir: string;
  port: number;
  database: string;
  log: (m: string) => void;
}): Promise<ConsoleDatabase> {
  if (options.url) {
    const adminUrl = adminUrlOf(options.url);
    const name = decodeURIComponent(new URL(options.url).pathname.slice(1));
    // Create the database when the server allows it; `migrate deploy` reports anything else clearly.
    await ensureDatabase(adminUrl, name).catch(() => undefined);
    return { url: options.url, adminUrl };
  }
  const dataDir = path.resolve(ROOT, options.dataDir);
  options.log(`No DATABASE_URL: using the embedded PostgreSQL in ${path.relative(ROOT, dataDir)} (port ${options.port}).`);
  const embedded = await startEmbeddedPostgres({ dataDir, port: options.port, database: options.database });
  return { url: embedded.url, adminUrl: embedded.adminUrl, embedded };
}

export async function migrateDeploy(url: string): Promise<void> {
  await run(bin("prisma"), ["migrate", "deploy"], { env: childEnvironment({ DATABASE_URL: url }) });
  const state = await getMigrationStateAt(url);
  if (!state.current) {
    throw new Error(
      `prisma migrate deploy did not leave the schema current (pending: ${state.pending.join(", ") || "none"}; failed: ${state.failed.join(", ") || "none"}).`,
    );
  }
}
