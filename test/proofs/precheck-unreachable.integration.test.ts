import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIncident } from "../../lib/incidents/create-incident";
import { getIncident } from "../../lib/incidents/get-incident";
import { startStep } from "../../lib/engine/start-step";
import { alice, startTestEngine, waitForStep, type TestEngine } from "../../lib/engine/testing/engine-harness";

/**
 * Found by the proofs (issue 9): when the check made before sending (e.g. "no backup has this name yet") cannot reach
 * the system, the engine waits and checks again, but said nothing: the step showed "running" with no detail for as
 * long as the system stayed unreachable. Nothing may be left half-done without being shown.
 */
let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine({
    world: (w) => {
      w.failNext["backup-storage.getBackup"] = { count: 1_000, retryable: true, message: "Azurite is not answering (injected)" };
    },
  });
});
afterAll(async () => {
  await engine.stop();
});

describe("an operation whose pre-send check cannot reach the system", () => {
  it("shows why it is waiting on the step, and sends nothing", async () => {
    const { id } = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "test", mode: "drill" } });
    for (const stepId of ["stop-service", "freeze-pipeline"]) {
      await startStep({ actor: alice, incidentId: id, stepId });
      expect((await waitForStep({ incidentId: id, stepId })).state).toBe("succeeded");
    }
    await startStep({ actor: alice, incidentId: id, stepId: "backup-flawed-database" });
    const deadline = Date.now() + 10_000;
    let detail: string | null = null;
    while (Date.now() < deadline && !detail) {
      const step = (await getIncident({ incidentId: id })).steps.find((s) => s.id === "backup-flawed-database")!;
      detail = step.operation?.lastDetail ?? null;
      if (!detail) await new Promise((r) => setTimeout(r, 100));
    }
    expect(detail).toMatch(/Azurite is not answering/);
    const step = (await getIncident({ incidentId: id })).steps.find((s) => s.id === "backup-flawed-database")!;
    expect(step.state).toBe("running");
    expect(step.operation?.sendAttempts).toBe(0);
    expect(engine.world().calls.filter((c) => c === "github.dispatchWorkflow")).toHaveLength(0);
  });
});
