import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { childEnvironment } from "../../../lib/config/env";
import { spawnStandaloneServer } from "../../../scripts/lib/standalone-server";
import { freePort } from "./free-port";
import { consoleRuntimeEnv } from "../../../lib/config/console-runtime";

export interface ConsoleProcessOptions {
  /** The console's database (migrated). */
  databaseUrl: string;
  /** The running sandbox's endpoints.json and its CA (ARM speaks HTTPS with the sandbox's own CA). */
  sandboxEndpointsFile: string;
  sandboxCaFile: string;
  /** Free port when left out. Pass the old one to restart "the same" console after a crash. */
  port?: number;
  /** More environment for the console (e.g. DR_DRILL_APPROVALS). */
  env?: Record<string, string | undefined>;
  /** Name in failure messages. */
  name?: string;
}

export interface ConsoleProcess {
  name: string;
  url: string;
  port: number;
  pid: number;
  /** The last lines the console wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** Peak resident memory of the process so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** A crash: SIGKILL, no clean-up code runs. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** A clean stop (SIGTERM). */
  stop(): Promise<void>;
}

/**
 * The console as production runs it: the standalone server of the production build (scripts/lib/standalone-server.ts),
 * one process, on 127.0.0.1,
 * with the sandbox as its target (DR_TARGET=sandbox). Resolves when /api/health answers 200 (the engine starts in
 * instrumentation.ts before the server takes requests).
 */
export async function startConsoleProcess(options: ConsoleProcessOptions): Promise<ConsoleProcess> {
  const port = options.port ?? (await freePort());
  const name = options.name ?? `console:${port}`;
  const child: ChildProcess = spawnStandaloneServer({
    port,
    host: "127.0.0.1",
    stdio: ["ignore", "pipe", "pipe"],
    env: childEnvironment({
      ...consoleRuntimeEnv(),
      DATABASE_URL: options.databaseUrl,
      DR_TARGET: "sandbox",
      SANDBOX_ENDPOINTS_FILE: options.sandboxEndpointsFile,
      NODE_EXTRA_CA_CERTS: options.sandboxCaFile,
      LOG_LEVEL: "warn",
      // Vitest's own variables must not leak into the console.
      VITEST: undefined,
      VITEST_POOL_ID: undefined,
      VITEST_WORKER_ID: undefined,
      TEST_DATABASE_URL: undefined,
      ...options.env,
    }),
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let peakKb = 0;
  const readPeak = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // Gone: keep the last reading.
    }
    return peakKb / 1024;
  };
  const gone = () => child.exitCode !== null || child.signalCode !== null;

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (gone()) throw new Error(`${name} exited before it was ready (${child.exitCode ?? child.signalCode}):\n${lines.join("\n")}`);
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${name} did not answer /api/health in 90 s:\n${lines.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    name,
    url,
    port,
    pid: child.pid!,
    output: () => lines.join("\n"),
    peakRssMb: readPeak,
    kill: async () => {
      readPeak();
      if (!gone()) child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      readPeak();
      if (!gone()) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
