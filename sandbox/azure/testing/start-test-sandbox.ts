import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startSandbox, type StartSandboxOptions, type StartedSandbox } from "../../index";

/**
 * A sandbox for one integration test file: its own state folder under the system's temp folder, free ports,
 * fast timings, the file's PostgreSQL server (TEST_ADMIN_DATABASE_URL, set by test/integration-file-setup.ts),
 * and everything dropped again on stop.
 */
export async function startTestSandbox(options: Partial<StartSandboxOptions> = {}): Promise<StartedSandbox> {
  const adminDatabaseUrl = process.env.TEST_ADMIN_DATABASE_URL;
  if (!adminDatabaseUrl) throw new Error("TEST_ADMIN_DATABASE_URL is not set: run this file through the integration project.");
  const stateDir = await mkdtemp(path.join(os.tmpdir(), "dr-sandbox-"));
  return startSandbox({
    adminDatabaseUrl,
    stateDir,
    speed: "fast",
    ephemeral: true,
    seed: { nights: 0, teachers: 120 },
    standIns: { github: false, kubernetes: false, services: false },
    log: () => undefined,
    ...options,
  });
}
