import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { childEnvironment } from "@/lib/config/env";

/**
 * Azurite (Microsoft's Azure Storage emulator, npm `azurite`), blob service only, as a child process on
 * 127.0.0.1 with its data under `<stateDir>/azurite`. One emulated storage account per catalogue backup
 * account (AZURITE_ACCOUNTS), with stable keys so a restarted sandbox reads its old blobs.
 */

export interface AzuriteInstance {
  /** e.g. http://127.0.0.1:10000 (accounts are path-style: <url>/<account>). */
  url: string;
  port: number;
  accounts: string[];
  connectionString(account: string): string;
  blobUrl(account: string): string;
  stop(): Promise<void>;
}

export class UnknownStorageAccountError extends Error {
  constructor(account: string) {
    super(`The sandbox has no storage account "${account}".`);
    this.name = "UnknownStorageAccountError";
  }
}

/** A 64-byte base64 key, derived from the account name: the same on every start. */
export function accountKey(account: string): string {
  const a = createHash("sha256").update(`sandbox-storage-key:${account}`).digest();
  const b = createHash("sha256").update(`sandbox-storage-key-2:${account}`).digest();
  return Buffer.concat([a, b]).toString("base64");
}

function azuriteMain(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("azurite/package.json")), "dist", "src", "blob", "main.js");
}

/** A child left running by a sandbox that was killed outright still holds the data folder: end it. */
async function endLeftover(pidFile: string, location: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).trim());
  await rm(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (!cmdline.includes("azurite") || !cmdline.includes(location)) return;
    process.kill(pid, "SIGTERM");
    for (let i = 0; i < 50 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 100));
  } catch {
    // Not running (or not Linux): nothing to end.
  }
}

export async function startAzurite(options: { stateDir: string; accounts: string[]; port?: number; log?: (m: string) => void }): Promise<AzuriteInstance> {
  const location = path.resolve(options.stateDir, "azurite");
  const pidFile = path.join(options.stateDir, "azurite.pid");
  await mkdir(location, { recursive: true });
  await endLeftover(pidFile, location);
  const accountsEnv = options.accounts.map((a) => `${a}:${accountKey(a)}`).join(";");
  const child: ChildProcess = spawn(
    process.execPath,
    [azuriteMain(), "--blobHost", "127.0.0.1", "--blobPort", String(options.port ?? 0), "--location", location, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry"],
    { env: childEnvironment({ AZURITE_ACCOUNTS: accountsEnv }), stdio: ["ignore", "pipe", "pipe"] },
  );
  await writeFile(pidFile, String(child.pid ?? ""));
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`Azurite did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /successfully listens on https?:\/\/[^:]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited (${code}) before it was ready:\n${output}`));
    });
  });
  child.stdout!.on("data", () => undefined);
  child.stderr!.on("data", (chunk: Buffer) => options.log?.(`azurite: ${chunk.toString().trim()}`));
  const url = `http://127.0.0.1:${port}`;
  const known = (account: string) => {
    if (!options.accounts.includes(account)) throw new UnknownStorageAccountError(account);
  };
  return {
    url,
    port,
    accounts: options.accounts,
    blobUrl(account) {
      known(account);
      return `${url}/${account}`;
    },
    connectionString(account) {
      known(account);
      return `DefaultEndpointsProtocol=http;AccountName=${account};AccountKey=${accountKey(account)};BlobEndpoint=${url}/${account};`;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(force);
          void rm(pidFile, { force: true }).then(() => resolve());
        });
        // Azurite saves its metadata database when it closes on SIGTERM.
        child.kill("SIGTERM");
      }),
  };
}
