import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { prepareSandboxAccess, type SandboxTokensFile } from "../../../lib/auth/sandbox/prepare-sandbox-access";
import { startSandbox, type StartedSandbox, type StartSandboxOptions } from "../../../sandbox/index";
import { apiClient, type ApiClient } from "./api-client";
import { startConsoleProcess, type ConsoleProcess } from "./console-process";
import { ensureProductionBuild } from "./production-build";
import { testDatabases } from "./proof-env";
import { sandboxControl, type SandboxControl } from "./sandbox-control";

export type PersonKey = "viewer" | "responder" | "lead" | "secondLead" | "admin";

export interface StackPerson {
  id: string;
  name: string;
  role: string;
  token: string;
}

export interface ProofStack {
  sandbox: StartedSandbox;
  control: SandboxControl;
  people: Record<PersonKey, StackPerson>;
  consoles: ConsoleProcess[];
  /** Starts one more console process on the same database (or restarts one on its old port). */
  startConsole(options?: { port?: number; name?: string }): Promise<ConsoleProcess>;
  /** The HTTP API as a person, through `consoles[index]` as it is when each request is made (it may be restarted). */
  api(person: PersonKey | StackPerson, index?: number): ApiClient;
  stop(): Promise<void>;
}

export interface ProofStackOptions {
  /** The console's database, migrated (the integration test file's DATABASE_URL). */
  databaseUrl: string;
  /** `postgres` database of the same server: the sandbox's emulated servers live there. */
  adminUrl: string;
  consoles?: number;
  consoleEnv?: Record<string, string | undefined>;
  sandbox?: Partial<StartSandboxOptions>;
}

/**
 * What the proofs and benchmarks run against: the sandbox (every stand-in, fast timings, its own temp folder and
 * databases, dropped on stop) started in this process, the seeded people with API tokens, and N console processes
 * (the standalone server of the production build) on one database, all pointed at that sandbox.
 */
export async function startProofStack(options: ProofStackOptions): Promise<ProofStack> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), "dr-proof-sandbox-"));
  const sandbox = await startSandbox({
    adminDatabaseUrl: options.adminUrl,
    stateDir,
    speed: "fast",
    ephemeral: true,
    seed: { nights: 0, teachers: 120 },
    log: () => undefined,
    ...options.sandbox,
  });
  const consoles: ConsoleProcess[] = [];
  const stop = async () => {
    await Promise.all(consoles.map((c) => c.stop().catch(() => undefined)));
    await sandbox.stop();
  };
  try {
    const tokensFile = path.join(stateDir, "tokens.json");
    await prepareSandboxAccess({ databaseUrl: options.databaseUrl, file: tokensFile });
    const tokens = JSON.parse(await readFile(tokensFile, "utf8")) as SandboxTokensFile;
    const byName = (name: string): StackPerson => {
      const p = tokens.people.find((x) => x.name === name);
      if (!p) throw new Error(`The sandbox has no person named ${name}.`);
      return { id: p.userId, name: p.name, role: p.role, token: p.token };
    };
    const people: Record<PersonKey, StackPerson> = {
      viewer: byName("Vera Viewer"),
      responder: byName("Rhys Responder"),
      lead: byName("Lena Lead"),
      secondLead: byName("Lewis Lead"),
      admin: byName("Ada Admin"),
    };
    const startConsole = async (o: { port?: number; name?: string } = {}) => {
      const started = await startConsoleProcess({
        databaseUrl: options.databaseUrl,
        sandboxEndpointsFile: path.join(stateDir, "endpoints.json"),
        sandboxCaFile: sandbox.endpoints.arm.caFile,
        env: options.consoleEnv,
        ...o,
      });
      const at = consoles.findIndex((c) => c.port === started.port);
      if (at >= 0) consoles[at] = started;
      else consoles.push(started);
      return started;
    };
    for (let i = 0; i < (options.consoles ?? 1); i += 1) await startConsole({ name: `console ${i + 1}` });
    return {
      sandbox,
      control: sandboxControl(sandbox.endpoints.control.url),
      people,
      consoles,
      startConsole,
      api: (person, index = 0) => apiClient({ baseUrl: () => consoles[index]!.url, token: (typeof person === "string" ? people[person] : person).token }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** How long a test file may take to build the console (when its sources changed) and start its stack. */
export const PROOF_STACK_TIMEOUT_MS = 15 * 60_000;

/**
 * A test file's stack: the production build (made when the sources changed), then startProofStack on the test
 * databases. Its consoles keep 5 database connections for requests rather than 10: two proof files run at once, with
 * up to three consoles, job queues and the sandbox each, on the machine's PostgreSQL and its 100 connections (a run
 * was measured at 70 at its peak with 10).
 */
export async function startFileProofStack(options: Partial<ProofStackOptions> = {}): Promise<ProofStack> {
  await ensureProductionBuild();
  return startProofStack({ ...testDatabases(), ...options, consoleEnv: { DATABASE_POOL_MAX: "5", ...options.consoleEnv } });
}
