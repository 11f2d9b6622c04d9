import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseEnv, type Env } from "../../config/env";
import type { IntegrationPorts } from "../../engine/ports";
import { startSandbox, type StartedSandbox } from "../../../sandbox/index";
import { createPorts } from "../create-ports";

/**
 * TEST SUPPORT: a whole sandbox for one integration test file (free ports, its own state folder, fast timings,
 * dropped on stop) and the REAL adapters pointed at it by configuration alone (DR_TARGET=sandbox and its
 * endpoints file), exactly as the console builds them.
 */

export interface SandboxHarness {
  sandbox: StartedSandbox;
  endpointsFile: string;
  /** The configuration the ports were made from; `portsWith` makes more from variations of it. */
  config: Env;
  ports: IntegrationPorts;
  portsWith(variables: Record<string, string>, options?: { isRunClaimed?: (runId: number) => Promise<boolean> }): IntegrationPorts;
  /** The sandbox's control API (disasters, faults, counters). */
  control<T = Record<string, unknown>>(method: string, route: string, body?: unknown): Promise<T>;
  counters(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** Short back-off so that retried faults cost little time in tests; the time limit stays realistic. */
const TEST_POLICY = { retryDelayMs: 100, maxRetryDelayMs: 2_000 };

export async function startSandboxHarness(options: { nights?: number; teachers?: number; variables?: Record<string, string>; isRunClaimed?: (runId: number) => Promise<boolean> } = {}): Promise<SandboxHarness> {
  const adminDatabaseUrl = process.env.TEST_ADMIN_DATABASE_URL;
  if (!adminDatabaseUrl) throw new Error("TEST_ADMIN_DATABASE_URL is not set: run this file through the integration project.");
  const stateDir = await mkdtemp(path.join(os.tmpdir(), "dr-integrations-"));
  const sandbox = await startSandbox({
    adminDatabaseUrl,
    stateDir,
    speed: "fast",
    ephemeral: true,
    seed: { nights: options.nights ?? 1, teachers: options.teachers ?? 60 },
    log: () => undefined,
  });
  const endpointsFile = path.join(stateDir, "endpoints.json");
  const base = { ...process.env, DR_TARGET: "sandbox", SANDBOX_ENDPOINTS_FILE: endpointsFile, INTEGRATION_TIMEOUT_SECONDS: "15", INTEGRATION_MAX_RETRIES: "4" };
  const makeConfig = (variables: Record<string, string>) => parseEnv({ ...base, ...options.variables, ...variables });
  let config: Env;
  let ports: IntegrationPorts;
  try {
    config = makeConfig({});
    ports = createPorts({ config, policy: TEST_POLICY, isRunClaimed: options.isRunClaimed });
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
  const control = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${sandbox.endpoints.control.url}${route}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`control ${method} ${route}: HTTP ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
  return {
    sandbox,
    endpointsFile,
    config,
    ports,
    portsWith: (variables, more = {}) => createPorts({ config: makeConfig(variables), policy: TEST_POLICY, isRunClaimed: more.isRunClaimed ?? options.isRunClaimed }),
    control,
    counters: () => control<Record<string, number>>("GET", "/counters"),
    stop: () => sandbox.stop(),
  };
}
