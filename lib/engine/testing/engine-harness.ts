import { getEnvironment, getService } from "../../catalogue/catalogue";
import { db } from "../../db";
import type { StepState } from "../../generated/prisma/enums";
import { stopBoss } from "../../jobs/boss";
import { createRecordingPorts, worldFor, type FakeWorld, type RecordingPorts } from "../../integrations/testing/recording-ports";
import type { Actor } from "../../audit/actor";
import { startEngine, type RunningEngine } from "../start-engine";

/** TEST SUPPORT: the engine running in-process on the test database, with recording port doubles. */

export const alice: Actor = { id: "alice", name: "Alice Lead", role: "lead" };
export const bob: Actor = { id: "bob", name: "Bob Lead", role: "lead" };
export const carol: Actor = { id: "carol", name: "Carol Responder", role: "responder" };

export interface TestEngine extends RecordingPorts {
  engine: RunningEngine;
  stop(): Promise<void>;
}

export async function startTestEngine(options: { environment?: string; world?: (w: FakeWorld) => void; file?: string } = {}): Promise<TestEngine> {
  const service = getService("aytq");
  const environment = getEnvironment("aytq", options.environment ?? "test");
  const world = worldFor(service, environment);
  options.world?.(world);
  const recording = createRecordingPorts({ world, environment, file: options.file });
  const engine = await startEngine({ ports: recording.ports, pollIntervalSeconds: 0, sweepIntervalSeconds: 5 });
  return {
    ...recording,
    engine,
    stop: async () => {
      await engine.stop();
      await stopBoss();
    },
  };
}

/** Waits until a step reaches one of `states` (default: a finished one) and returns its run. */
export async function waitForStep(options: { incidentId: string; stepId: string; states?: StepState[]; timeoutMs?: number }) {
  const states = options.states ?? ["succeeded", "failed", "skipped"];
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const run = await db().stepRun.findUniqueOrThrow({ where: { incidentId_stepId: { incidentId: options.incidentId, stepId: options.stepId } } });
    if (states.includes(run.state)) return run;
    if (Date.now() > deadline) {
      const operation = await db().operation.findFirst({ where: { stepRunId: run.id }, orderBy: { createdAt: "desc" } });
      throw new Error(`step ${options.stepId} is still ${run.state} (waited for ${states.join("/")}); error: ${run.error ?? "none"}; operation: ${JSON.stringify(operation)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
