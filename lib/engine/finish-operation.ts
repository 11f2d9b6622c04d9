import type { Prisma } from "../generated/prisma/client";
import { appendAuditEvent } from "../audit/append-audit-event";
import { ENGINE_ACTOR } from "../audit/actor";
import { toJsonValue } from "../audit/canonical-json";
import { getScenario } from "../runbooks/scenarios";
import { refreshReadiness } from "./refresh-readiness";
import { inTransaction } from "./transaction";

export interface FinishOperationOptions {
  operationId: string;
  outcome: "succeeded" | "failed";
  outputs?: Record<string, unknown>;
  /** For a failure: what went wrong and what to do, for the person reading the step. */
  error?: string;
  /** One line for the audit trail. */
  summary: string;
}

/**
 * Ends an operation and its step in one transaction: the operation, the attempt and the step run (only if the step
 * is still on that attempt), the readiness of the next steps, and the audit row. Idempotent: an operation already
 * ended is left alone.
 */
export async function finishOperation(options: FinishOperationOptions): Promise<boolean> {
  const now = new Date();
  return inTransaction(async (tx) => {
    const [operation] = await tx.operation.updateManyAndReturn({
      where: { id: options.operationId, status: { notIn: ["succeeded", "failed"] } },
      data: {
        status: options.outcome,
        finishedAt: now,
        error: options.error ?? null,
        ...(options.outputs ? { outputs: toJsonValue(options.outputs) as Prisma.InputJsonValue } : {}),
      },
    });
    if (!operation) return false;
    const outputs = toJsonValue(options.outputs ?? operation.outputs ?? {}) as Prisma.InputJsonValue;
    const attempt = await tx.stepAttempt.update({
      where: { id: operation.attemptId },
      data: { state: options.outcome, finishedAt: now, outputs, error: options.error ?? null },
    });
    await tx.stepRun.updateMany({
      where: { id: operation.stepRunId, state: "running", attemptCount: attempt.number },
      data: { state: options.outcome, finishedAt: now, outputs, error: options.error ?? null },
    });
    const incident = await tx.incident.findUniqueOrThrow({ where: { id: operation.incidentId }, select: { scenario: true, branch: true } });
    if (options.outcome === "succeeded") {
      await refreshReadiness(tx, { incidentId: operation.incidentId, scenario: getScenario(incident.scenario), branch: incident.branch });
    }
    await appendAuditEvent(tx, {
      actor: ENGINE_ACTOR,
      action: options.outcome === "succeeded" ? "step.succeeded" : "step.failed",
      outcome: options.outcome === "succeeded" ? "ok" : "failed",
      incidentId: operation.incidentId,
      stepId: operation.stepId,
      operationId: operation.id,
      detail: { attempt: attempt.number, summary: options.summary, ...(options.error ? { error: options.error } : {}), externalUrl: operation.externalUrl },
      correlationId: operation.id,
    });
    return true;
  });
}
