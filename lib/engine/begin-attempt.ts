import { Prisma, type StepRun } from "../generated/prisma/client";
import type { StepState } from "../generated/prisma/enums";
import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { toJsonValue } from "../audit/canonical-json";
import { ConflictError } from "../errors";
import type { StepDefinition } from "../runbooks/types";
import { createOperation } from "./create-operation";
import type { LoadedRun } from "./load-run";
import { describeRefusal, stateAfterStart, type StepAction } from "./state-machine";
import { touchParticipant } from "./touch-participant";
import { inTransaction } from "./transaction";

export interface BeginAttemptOptions extends ActionContext {
  loaded: LoadedRun;
  definition: StepDefinition;
  run: StepRun;
  action: Extract<StepAction, "start" | "retry" | "confirm">;
  fromStates: StepState[];
  inputs: Record<string, unknown>;
  inputsHash: string;
  needsApproval: boolean;
  /** Done by hand: nothing is sent, the engine only verifies. */
  manual: boolean;
  note?: string;
}

export interface BeginAttemptResult {
  state: StepState;
  attempt: number;
  operationId: string | null;
}

/**
 * The exactly-once gate. One conditional UPDATE ... WHERE state IN (...) RETURNING decides the winner: under
 * READ COMMITTED a concurrent update of the same row waits for the first to commit, re-checks the state, and
 * matches nothing. The (stepRunId, number) unique key on attempts and the operation's unique idempotency key are
 * further guards. The operation is recorded here, before anything is sent.
 */
export async function beginAttempt(options: BeginAttemptOptions): Promise<BeginAttemptResult> {
  const { loaded, definition, run, actor } = options;
  const target = stateAfterStart({ needsApproval: options.needsApproval });
  const now = new Date();
  const context = loaded.context(now);
  const inputsJson = toJsonValue(options.inputs) as Prisma.InputJsonValue;

  return inTransaction(async (tx) => {
    const [claimed] = await tx.stepRun.updateManyAndReturn({
      where: { id: run.id, state: { in: options.fromStates } },
      data: {
        state: target,
        attemptCount: { increment: 1 },
        inputs: inputsJson,
        outputs: Prisma.DbNull,
        error: null,
        skipReason: null,
        lastActorId: actor.id,
        lastActorName: actor.name,
        startedAt: target === "running" ? now : null,
        finishedAt: null,
      },
    });
    if (!claimed) {
      const current = await tx.stepRun.findUniqueOrThrow({ where: { id: run.id } });
      throw new ConflictError(describeRefusal({ action: options.action, state: current.state, by: current.lastActorName }), `step_${current.state}`);
    }
    // A new request while one awaited approval replaces it: the old approval, bound to old inputs, is void.
    await tx.stepAttempt.updateMany({ where: { stepRunId: run.id, state: "awaiting_approval" }, data: { state: "voided", finishedAt: now } });
    const attempt = await tx.stepAttempt.create({
      data: {
        stepRunId: run.id,
        number: claimed.attemptCount,
        state: target === "running" ? "running" : "awaiting_approval",
        manual: options.manual,
        inputs: inputsJson,
        inputsHash: options.inputsHash,
        requestedById: actor.id,
        requestedByName: actor.name,
        requestedAt: now,
        startedAt: target === "running" ? now : null,
      },
    });
    const operation = target === "running" ? await createOperation(tx, { context, definition, run, attempt, inputs: options.inputs, manual: options.manual }) : null;
    const restorePoint = (options.inputs.restorePoint as { utc?: string } | undefined)?.utc;
    if (restorePoint && target === "running") await tx.incident.update({ where: { id: run.incidentId }, data: { restorePoint: new Date(restorePoint) } });
    if (options.note) await tx.note.create({ data: { incidentId: run.incidentId, stepRunId: run.id, kind: "note", text: options.note, actorId: actor.id, actorName: actor.name } });
    await touchParticipant(tx, { incidentId: run.incidentId, actor });
    const action = target === "awaiting_approval" ? "step.approval_requested" : options.manual ? "step.done_by_hand" : options.action === "retry" ? "step.retried" : "step.started";
    await appendAuditEvent(tx, {
      actor,
      action,
      outcome: "ok",
      incidentId: run.incidentId,
      stepId: run.stepId,
      operationId: operation?.id ?? null,
      inputs: options.inputs,
      detail: { attempt: attempt.number, inputsHash: options.inputsHash, ...(operation ? { operation: operation.kind, idempotencyKey: operation.idempotencyKey } : {}), ...(options.note ? { note: options.note } : {}) },
      requestId: options.requestId,
      correlationId: options.correlationId ?? operation?.id,
    });
    return { state: target, attempt: attempt.number, operationId: operation?.id ?? null };
  });
}
