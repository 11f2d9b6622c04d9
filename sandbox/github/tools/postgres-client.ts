import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { childEnvironment } from "@/lib/config/env";
import { findPostgresTool, serverMajorVersion } from "../../data/postgres-tools";

/**
 * The PostgreSQL client programs the real workflows run through konduit, run here against the emulated server's
 * database directly: `pg_dump` for backups, `psql` fed a (gzip) file for restores, with the same options. The
 * programs are the installed ones that can talk to the server's version (sandbox/data/postgres-tools).
 */

export class PostgresClientError extends Error {
  constructor(readonly exitCode: number | null, message: string) {
    super(message);
    this.name = "PostgresClientError";
  }
}

interface RunOptions {
  command: "pg_dump" | "psql";
  databaseUrl: string;
  args: string[];
  stdin?: NodeJS.ReadableStream;
  onStderrLine: (line: string) => void;
  signal: AbortSignal;
}

async function run(options: RunOptions): Promise<void> {
  let program: string;
  try {
    program = (await findPostgresTool(options.command, await serverMajorVersion(options.databaseUrl))).path;
  } catch (error) {
    throw new PostgresClientError(2, `${options.command}: error: ${error instanceof Error ? error.message : String(error)}`);
  }
  const child = spawn(program, options.args, {
    env: childEnvironment({ PGCONNECT_TIMEOUT: "5" }),
    stdio: [options.stdin ? "pipe" : "ignore", "ignore", "pipe"],
    signal: options.signal,
  });
  let tail = "";
  let lastLine = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    const lines = (tail + chunk).split("\n");
    tail = lines.pop() ?? "";
    for (const line of lines) {
      lastLine = line;
      options.onStderrLine(line);
    }
  });
  if (options.stdin && child.stdin) {
    options.stdin.on("error", (e) => child.stdin?.destroy(e));
    child.stdin.on("error", () => undefined);
    options.stdin.pipe(child.stdin);
  }
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", (e) => reject(new PostgresClientError(null, `${options.command}: ${e.message}`)));
    child.on("close", (c) => resolve(c));
  });
  if (tail) {
    lastLine = tail;
    options.onStderrLine(tail);
  }
  if (code !== 0) throw new PostgresClientError(code, lastLine || `${options.command} exited with code ${code}`);
}

/** `pg_dump -E utf8 --clean --compress=1 --if-exists --no-owner --verbose --no-password -f <file>.gz` */
export async function dumpDatabase(options: { databaseUrl: string; file: string; log: (line: string) => void; signal: AbortSignal }): Promise<void> {
  await run({
    command: "pg_dump",
    databaseUrl: options.databaseUrl,
    args: ["-E", "utf8", "--clean", "--compress=1", "--if-exists", "--no-owner", "--verbose", "--no-password", "-f", options.file, "--dbname", options.databaseUrl],
    onStderrLine: options.log,
    signal: options.signal,
  });
}

/**
 * `konduit.sh -i <file> [-c] ... -- psql`: the file (gunzipped when compressed) fed to psql. Without
 * ON_ERROR_STOP, as konduit runs it: failing statements are reported and skipped, psql still exits 0; only a
 * connection failure fails the step.
 */
export async function runSqlFile(options: { databaseUrl: string; file: string; compressed: boolean; log: (line: string) => void; signal: AbortSignal }): Promise<void> {
  const source = createReadStream(options.file);
  await run({
    command: "psql",
    databaseUrl: options.databaseUrl,
    args: ["--no-password", "--quiet", "--dbname", options.databaseUrl],
    stdin: options.compressed ? source.pipe(createGunzip()) : source,
    onStderrLine: options.log,
    signal: options.signal,
  });
}
