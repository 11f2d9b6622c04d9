import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import type { Actor } from "../audit/actor";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { db } from "../db";
import { ConflictError } from "../errors";
import { createIncident } from "../incidents/create-incident";
import { confirmStep } from "./confirm-step";
import { startStep } from "./start-step";
import { alice, startTestEngine, waitForStep, type TestEngine } from "./testing/engine-harness";

let harness: TestEngine;
beforeAll(async () => {
  harness = await startTestEngine();
});
afterAll(async () => {
  await harness.stop();
});

const responders: Actor[] = Array.from({ length: 50 }, (_, i) => ({ id: `responder-${i}`, name: `Responder ${i}`, role: "responder" }));

describe("exactly once, enforced by the database", () => {
  it("50 concurrent starts of one step give one attempt, one operation, one send; the others are told it is running", async () => {
    const { id } = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "test", mode: "drill" } });
    for (const stepId of ["stop-service", "freeze-pipeline"]) {
      await startStep({ actor: alice, incidentId: id, stepId });
      await waitForStep({ incidentId: id, stepId });
    }
    const inputs = { restorePoint: { time: DateTime.utc().minus({ hours: 2 }).toISO(), zone: "utc" } };

    const results = await Promise.allSettled(responders.map((actor) => startStep({ actor, incidentId: id, stepId: "restore-point-in-time", inputs })));

    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(ConflictError);
      expect((r.reason as Error).message).toMatch(/already running \(started by Responder \d+\)/);
    }
    const run = await db().stepRun.findUniqueOrThrow({ where: { incidentId_stepId: { incidentId: id, stepId: "restore-point-in-time" } } });
    expect(run.attemptCount).toBe(1);
    expect(await db().stepAttempt.count({ where: { stepRunId: run.id } })).toBe(1);
    const operations = await db().operation.findMany({ where: { stepRunId: run.id } });
    expect(operations).toHaveLength(1);

    expect((await waitForStep({ incidentId: id, stepId: "restore-point-in-time" })).state).toBe("succeeded");
    const key = operations[0]!.idempotencyKey;
    expect(harness.world().sendCalls[key]).toBe(1);
    expect(harness.world().created[key]).toBe(1);
    expect(Object.values(harness.world().runs).filter((r) => r.workflowFile === "database-restore-ptr.yml")).toHaveLength(1);
    expect(await db().auditEvent.count({ where: { incidentId: id, stepId: "restore-point-in-time", action: "step.started" } })).toBe(1);
  });

  it("50 concurrent confirmations of a manual step: one succeeds", async () => {
    const { id } = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "test", mode: "drill" } });
    const results = await Promise.allSettled(responders.map((actor) => confirmStep({ actor, incidentId: id, stepId: "start-incident-process" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected" && (r.reason as Error).message.includes("already succeeded"))).toHaveLength(49);
    expect(await db().stepAttempt.count({ where: { stepRun: { incidentId: id, stepId: "start-incident-process" } } })).toBe(1);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
