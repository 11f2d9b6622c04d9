import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "../lib/config/env";
import { alice, waitForStep } from "../lib/engine/testing/engine-harness";
import { startStep } from "../lib/engine/start-step";
import { createIncident } from "../lib/incidents/create-incident";
import { stopBoss } from "../lib/jobs/boss";
import { CONSOLE_ENGINE, startConsoleEngine } from "../instrumentation-node";

/** instrumentation.ts's work: one engine per console process, none during `next build`, serving without a sandbox. */

const forget = () => {
  delete (globalThis as { [CONSOLE_ENGINE]?: unknown })[CONSOLE_ENGINE];
};

afterAll(async () => {
  const engine = await (globalThis as { [CONSOLE_ENGINE]?: Promise<{ stop(): Promise<void> } | null> })[CONSOLE_ENGINE];
  await engine?.stop();
  await stopBoss();
});

describe("starting the engine from instrumentation", () => {
  it("does nothing while Next builds", async () => {
    forget();
    expect(await startConsoleEngine({ config: parseEnv({ ...process.env, NEXT_PHASE: "phase-production-build" }) })).toBeNull();
    forget();
  });

  it("keeps serving when the sandbox is not running: once per process, and a step fails saying why", async () => {
    const missing = path.join(import.meta.dirname, "no-such-sandbox", "endpoints.json");
    const config = parseEnv({ ...process.env, DR_TARGET: "sandbox", SANDBOX_ENDPOINTS_FILE: missing });
    const engine = await startConsoleEngine({ config });
    expect(engine).not.toBeNull();
    expect(await startConsoleEngine({ config })).toBe(engine);

    const { id } = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "test", mode: "drill" } });
    await startStep({ actor: alice, incidentId: id, stepId: "freeze-pipeline", inputs: {} });
    const step = await waitForStep({ incidentId: id, stepId: "freeze-pipeline" });
    expect(step.state).toBe("failed");
    expect(step.error).toContain(`The sandbox's endpoints file ${missing} does not exist`);
  });
});
