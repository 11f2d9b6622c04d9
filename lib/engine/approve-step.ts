import { appendAuditEvent } from "../audit/append-audit-event";
import { approvalExpiresAt } from "../auth/approvals/two-person-rule";
import { env } from "../config/env";
import { describeInstant } from "../time/describe-instant";
import type { ActionContext } from "../audit/actor";
import { db } from "../db";
import { ConflictError, ForbiddenError, ValidationError } from "../errors";
import { enqueueOperationTick } from "../jobs/enqueue-operation-tick";
import { authoriseStepAction } from "./authorise-step-action";
import type { StepActionResult } from "./begin-step";
import { checkStepActionable } from "./check-step-actionable";
import { createOperation } from "./create-operation";
import { loadRun } from "./load-run";
import { describeRefusal } from "./state-machine";
import { touchParticipant } from "./touch-participant";
import { inTransaction } from "./transaction";

export interface ApproveStepOptions extends ActionContext {
  incidentId: string;
  stepId: string;
  /** The inputs hash the approver was shown: an approval is bound to exactly those inputs. */
  inputsHash: string;
}

/**
 * A second person approves a production change: never the person who asked, and only for the exact inputs they
 * saw (a changed input gives a new request with a new hash). The step then runs at once.
 * The request expires APPROVAL_TTL_MINUTES after it was made (lib/auth/approvals/two-person-rule.ts). Refusals
 * (the requester, changed inputs, expired) are written to the audit trail with the incident and step.
 */
export async function approveStep(options: ApproveStepOptions): Promise<StepActionResult> {
  const { actor } = options;
  authoriseStepAction({ actor, action: "approve" });
  if (!/^[0-9a-f]{64}$/.test(options.inputsHash ?? "")) {
    throw new ValidationError("Give the inputs hash shown with the request you are approving.", [{ path: "inputsHash", message: "a sha256 hex digest" }]);
  }
  const loaded = await loadRun({ incidentId: options.incidentId });
  const { definition, run } = loaded.step(options.stepId);
  checkStepActionable({ loaded, definition, checkPreconditions: true });
  const request = await db().stepAttempt.findFirst({
    where: { stepRunId: run.id, state: "awaiting_approval" },
    orderBy: { number: "desc" },
  });
  if (!request || run.state !== "awaiting_approval") {
    throw new ConflictError(describeRefusal({ action: "approve", state: run.state, by: run.lastActorName }), `step_${run.state}`);
  }
  const refused = (reason: string, detail: Record<string, unknown> = {}) =>
    inTransaction((tx) =>
      appendAuditEvent(tx, {
        actor, action: "step.approval_refused", outcome: "refused", incidentId: run.incidentId, stepId: run.stepId,
        detail: { reason, attempt: request.number, inputsHash: request.inputsHash, givenInputsHash: options.inputsHash, requestedBy: { id: request.requestedById, name: request.requestedByName }, ...detail },
        requestId: options.requestId, correlationId: options.correlationId,
      }),
    );
  if (request.requestedById === actor.id) {
    await refused("requester");
    throw new ForbiddenError("You asked for this production change: a second incident lead must approve it.", true);
  }
  if (request.inputsHash !== options.inputsHash) {
    await refused("inputs_changed");
    throw new ConflictError("The inputs changed since you looked at them: review the new request and approve that one.", "inputs_changed");
  }
  const now = new Date();
  const expiresAt = approvalExpiresAt(request.requestedAt);
  if (now >= expiresAt) {
    await refused("expired", { requestedAt: request.requestedAt.toISOString(), expiresAt: expiresAt.toISOString() });
    throw new ConflictError(
      `This request expired at ${describeInstant({ instant: expiresAt }).text}: a production change must be approved within ${env().APPROVAL_TTL_MINUTES} minutes of being asked for. Ask for it again (start the step again) and have it approved.`,
      "approval_expired",
    );
  }
  const result = await inTransaction(async (tx) => {
    const [claimed] = await tx.stepRun.updateManyAndReturn({
      where: { id: run.id, state: "awaiting_approval", attemptCount: request.number },
      data: { state: "running", startedAt: now, lastActorId: actor.id, lastActorName: actor.name },
    });
    // The same conditions again, under the row lock: still this request, same inputs, not yet expired.
    const approved = await tx.stepAttempt.updateManyAndReturn({
      where: { id: request.id, state: "awaiting_approval", inputsHash: options.inputsHash, requestedAt: { gt: new Date(now.getTime() - env().APPROVAL_TTL_MINUTES * 60_000) } },
      data: { state: "running", approvedById: actor.id, approvedByName: actor.name, approvedAt: now, startedAt: now },
    });
    if (!claimed || approved.length === 0) {
      const current = await tx.stepRun.findUniqueOrThrow({ where: { id: run.id } });
      throw new ConflictError(
        current.state === "awaiting_approval" ? "The request changed while you were approving it: review it again." : describeRefusal({ action: "approve", state: current.state, by: current.lastActorName }),
        current.state === "awaiting_approval" ? "inputs_changed" : `step_${current.state}`,
      );
    }
    const inputs = request.inputs as Record<string, unknown>;
    const operation = await createOperation(tx, { context: loaded.context(now), definition, run: claimed, attempt: approved[0]!, inputs, manual: false });
    const restorePoint = (inputs.restorePoint as { utc?: string } | undefined)?.utc;
    if (restorePoint) await tx.incident.update({ where: { id: run.incidentId }, data: { restorePoint: new Date(restorePoint) } });
    await touchParticipant(tx, { incidentId: run.incidentId, actor });
    await appendAuditEvent(tx, {
      actor, action: "step.approved", outcome: "ok", incidentId: run.incidentId, stepId: run.stepId, operationId: operation.id, inputs,
      detail: { attempt: request.number, inputsHash: request.inputsHash, requestedBy: { id: request.requestedById, name: request.requestedByName }, idempotencyKey: operation.idempotencyKey },
      requestId: options.requestId, correlationId: options.correlationId ?? operation.id,
    });
    return { state: "running" as const, attempt: request.number, operationId: operation.id };
  });
  await enqueueOperationTick({ operationId: result.operationId });
  return { ...result, incidentId: options.incidentId, stepId: options.stepId };
}
