import pg from "pg";
import type { Actor } from "../../audit/actor";
import { isRunClaimed } from "../../engine/is-run-claimed";
import { startEngine, type RunningEngine } from "../../engine/start-engine";
import { startStep } from "../../engine/start-step";
import { waitForStep } from "../../engine/testing/engine-harness";
import { stopBoss } from "../../jobs/boss";
import { startSandboxHarness, type SandboxHarness } from "./sandbox-harness";

/**
 * TEST SUPPORT: the run engine (pg-boss worker and resume sweep, in this process, on the file's test database) driving
 * the REAL adapters against a sandbox - the console without its UI. Polls every second instead of each handler's
 * interval, so that a scenario on the sandbox's fast timings takes seconds.
 */

export interface EngineOnSandbox extends SandboxHarness {
  engine: RunningEngine;
  /** Starts a step and waits until it has finished (succeeded, failed or skipped). */
  run(options: { actor: Actor; incidentId: string; stepId: string; inputs?: unknown; timeoutMs?: number }): ReturnType<typeof waitForStep>;
  /** Waits until `check` holds (the sandbox's fast timings: seconds). */
  until(check: () => Promise<boolean>, limitMs?: number): Promise<void>;
  /** Rows from an emulated server's real database (through the control API's URL). */
  query<R extends pg.QueryResultRow>(server: string, sql: string, values?: unknown[]): Promise<R[]>;
}

export async function startEngineOnSandbox(options: { nights?: number } = {}): Promise<EngineOnSandbox> {
  const harness = await startSandboxHarness({ nights: options.nights ?? 1, isRunClaimed });
  let engine: RunningEngine;
  try {
    engine = await startEngine({ ports: harness.ports, pollIntervalSeconds: 1, sweepIntervalSeconds: 5 });
  } catch (error) {
    // The sandbox holds databases and an Azurite process: never leave them behind.
    await stopBoss().catch(() => undefined);
    await harness.stop();
    throw error;
  }
  return {
    ...harness,
    engine,
    async run({ actor, incidentId, stepId, inputs = {}, timeoutMs = 60_000 }) {
      await startStep({ actor, incidentId, stepId, inputs });
      return waitForStep({ incidentId, stepId, timeoutMs });
    },
    async until(check, limitMs = 20_000) {
      const deadline = Date.now() + limitMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error("condition not reached in time");
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async query<R extends pg.QueryResultRow>(server: string, sql: string, values: unknown[] = []) {
      const { url } = await harness.control<{ url: string }>("GET", `/servers/${server}/database-url`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<R>(sql, values)).rows;
      } finally {
        await client.end();
      }
    },
    async stop() {
      await engine.stop();
      await stopBoss();
      await harness.stop();
    },
  };
}
