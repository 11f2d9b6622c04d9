import { spawn } from "node:child_process";
import { createGzip } from "node:zlib";
import { scratchDatabaseName } from "./names";
import { dropDatabase, withClient } from "./pg";
import { findPostgresTool, serverMajorVersion } from "./postgres-tools";
import { restoreToPoint } from "./restore-database";
import type { ServerData } from "./server-data";

/**
 * What the nightly backup workflow would have uploaded at `point`: the server's data as it was then
 * (rebuilt from the history into a scratch database, without the sandbox's own history schema), dumped
 * with `pg_dump --clean --if-exists --no-owner` and gzipped.
 */
export async function dumpAtPoint(options: { data: ServerData; serverKey: string; point: Date }): Promise<Buffer> {
  const { data } = options;
  const adminUrl = data.options.adminUrl;
  const pgDump = await findPostgresTool("pg_dump", await serverMajorVersion(adminUrl));
  const scratch = scratchDatabaseName(data.instance, "dump");
  try {
    await restoreToPoint({ adminUrl, templateDatabase: data.templateDatabase, targetDatabase: scratch, history: data.history, serverKey: options.serverKey, point: options.point });
    await withClient(data.databaseUrl(scratch), (c) => c.query("drop schema sandbox_history cascade"));
    return await gzipDump(pgDump.path, data.databaseUrl(scratch));
  } finally {
    await dropDatabase(adminUrl, scratch);
  }
}

/** `pg_dump --clean --if-exists --no-owner <url> | gzip`, as the backup workflow runs it. */
export function gzipDump(pgDumpPath: string, url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(pgDumpPath, ["--clean", "--if-exists", "--no-owner", "--dbname", url], { stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let stderr = "";
    const gzip = createGzip();
    child.stdout.pipe(gzip);
    gzip.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", reject);
    let exitCode: number | null = null;
    let gzipDone = false;
    const finish = () => {
      if (exitCode === null || !gzipDone) return;
      if (exitCode !== 0) reject(new Error(`pg_dump failed (${exitCode}): ${stderr.trim()}`));
      else resolve(Buffer.concat(chunks));
    };
    gzip.once("end", () => {
      gzipDone = true;
      finish();
    });
    child.once("close", (code) => {
      exitCode = code ?? 1;
      finish();
    });
  });
}
