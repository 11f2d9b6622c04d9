import { readFile, rename, writeFile } from "node:fs/promises";

/**
 * `<stateDir>/endpoints.json`: where everything of a running sandbox is. Written by startSandbox; read by
 * the console (SANDBOX_ENDPOINTS_FILE), the CLI and tests. A part that did not start is `null` and named in
 * `missing`.
 */
export interface SandboxEndpoints {
  version: 1;
  startedAt: string;
  stateDir: string;
  speed: "fast" | "realistic";
  /** The control API (HTTP, JSON): disasters, faults, counters, reset. */
  control: { url: string };
  /** Azure Resource Manager stand-in (HTTPS). Trust `caFile`; send `Authorization: Bearer <token>`. */
  arm: { url: string; caFile: string; token: string; tenantId: string };
  /** Azurite blob service: one entry per backup storage account. */
  storage: { url: string; accounts: Record<string, { connectionString: string; blobUrl: string; container: string }> };
  github: { url: string } | null;
  kubernetes: { url: string; kubeconfigFile: string } | null;
  /** env -> service -> health URL (`/health/all`). */
  services: { url: string; healthUrls: Record<string, Record<string, string>> } | null;
  missing: string[];
}

export async function writeEndpoints(file: string, endpoints: SandboxEndpoints): Promise<void> {
  await writeFile(`${file}.tmp`, `${JSON.stringify(endpoints, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

export async function readSandboxEndpoints(file: string): Promise<SandboxEndpoints> {
  return JSON.parse(await readFile(file, "utf8")) as SandboxEndpoints;
}
