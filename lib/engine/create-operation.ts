import { DateTime } from "luxon";
import type { Prisma, StepAttempt, StepRun } from "../generated/prisma/client";
import { systemOf, type OperationRequest } from "../runbooks/operation-requests";
import type { StepContext, StepDefinition } from "../runbooks/types";
import { toJsonValue } from "../audit/canonical-json";

const DEFAULT_TIMEOUT_MINUTES = 60;

/**
 * Records the operation BEFORE anything is sent, in the transaction that moves the step to running. Its
 * idempotency key (incident:step:attempt) is unique in the database and travels with every send.
 */
export async function createOperation(
  tx: Prisma.TransactionClient,
  options: { context: StepContext; definition: StepDefinition; run: StepRun; attempt: StepAttempt; inputs: Record<string, unknown>; manual: boolean },
) {
  const { context, definition, run, attempt, inputs, manual } = options;
  const request: OperationRequest = manual || !definition.operation ? { kind: "verify-only" } : definition.operation(context, inputs);
  const verification = definition.verification?.(context, inputs) ?? null;
  const deadline = DateTime.fromJSDate(context.now).plus({ minutes: definition.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES }).toJSDate();
  return tx.operation.create({
    data: {
      incidentId: run.incidentId,
      stepRunId: run.id,
      stepId: run.stepId,
      attemptId: attempt.id,
      system: systemOf(request.kind),
      kind: request.kind,
      idempotencyKey: `${run.incidentId}:${run.stepId}:${attempt.number}`,
      request: toJsonValue(request) as Prisma.InputJsonValue,
      ...(verification ? { verification: toJsonValue(verification) as Prisma.InputJsonValue } : {}),
      status: request.kind === "verify-only" ? "verifying" : "pending",
      deadlineAt: deadline,
    },
  });
}
