import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { promisify } from "node:util";
import { withClient } from "./pg";

const run = promisify(execFile);

/**
 * Finds PostgreSQL's client programs (pg_dump, psql) that can talk to a given server: pg_dump refuses a
 * server newer than itself, so the embedded PostgreSQL (18) needs a client of 18 or later while the
 * machine's (15) takes any. Looks in Debian's versioned folders first, then PATH.
 */

export class PostgresToolMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PostgresToolMissingError";
  }
}

export interface PostgresTool {
  path: string;
  major: number;
}

async function versionOf(path: string): Promise<number | undefined> {
  try {
    const { stdout } = await run(path, ["--version"], { timeout: 5_000 });
    const match = /(\d+)(?:\.\d+)?/.exec(stdout.replace(/^[^)]*\)/, ""));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function candidates(program: string): string[] {
  const found: string[] = [];
  for (const root of ["/usr/lib/postgresql", "/usr/local/opt"]) {
    if (!existsSync(root)) continue;
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const p = `${root}/${v}/bin/${program}`;
      if (existsSync(p)) found.push(p);
    }
  }
  for (const p of [`/opt/homebrew/bin/${program}`, `/usr/local/bin/${program}`]) if (existsSync(p)) found.push(p);
  found.push(program); // resolved through PATH by execFile
  return found;
}

const cache = new Map<string, Promise<PostgresTool>>();

export async function serverMajorVersion(adminUrl: string): Promise<number> {
  return withClient(adminUrl, async (client) => {
    const found = await client.query<{ server_version_num: string }>("show server_version_num");
    return Math.floor(Number(found.rows[0]!.server_version_num) / 10000);
  });
}

/** The newest installed `program` whose major version is at least the server's. */
export function findPostgresTool(program: "pg_dump" | "psql", serverMajor: number): Promise<PostgresTool> {
  const key = `${program}:${serverMajor}`;
  let found = cache.get(key);
  if (!found) {
    found = (async () => {
      for (const path of candidates(program)) {
        const major = await versionOf(path);
        if (major !== undefined && major >= serverMajor) return { path, major };
      }
      throw new PostgresToolMissingError(
        `No ${program} of version ${serverMajor} or later was found (looked in /usr/lib/postgresql/*/bin and PATH). Install the PostgreSQL ${serverMajor} client programs.`,
      );
    })();
    cache.set(key, found);
    found.catch(() => cache.delete(key));
  }
  return found;
}
