import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { ConflictError, ValidationError } from "../errors";
import { authoriseStepAction } from "./authorise-step-action";
import type { StepActionResult } from "./begin-step";
import { checkStepActionable } from "./check-step-actionable";
import { loadRun } from "./load-run";
import { refreshReadiness } from "./refresh-readiness";
import { allowedFromStates, describeRefusal } from "./state-machine";
import { touchParticipant } from "./touch-participant";
import { inTransaction } from "./transaction";

export interface SkipStepOptions extends ActionContext {
  incidentId: string;
  stepId: string;
  /** Why: recorded as a decision, and in the audit trail. */
  reason: string;
}

/** Skips an optional step, with a reason. Required steps cannot be skipped (steps of an option not followed are skipped by choosing the option). */
export async function skipStep(options: SkipStepOptions): Promise<StepActionResult> {
  authoriseStepAction({ actor: options.actor, action: "skip" });
  const reason = options.reason?.trim() ?? "";
  if (reason.length < 3) throw new ValidationError("Say why this step is skipped.", [{ path: "reason", message: "a reason is required" }]);
  if (reason.length > 2000) throw new ValidationError("The reason is too long: at most 2000 characters.", [{ path: "reason", message: "too long" }]);
  const loaded = await loadRun({ incidentId: options.incidentId });
  const { definition, run } = loaded.step(options.stepId);
  checkStepActionable({ loaded, definition, checkPreconditions: false });
  if (!definition.optional) throw new ConflictError(`"${definition.title}" is required: it cannot be skipped.`, "step_required");
  const { actor } = options;
  return inTransaction(async (tx) => {
    const [claimed] = await tx.stepRun.updateManyAndReturn({
      where: { id: run.id, state: { in: allowedFromStates({ action: "skip", kind: definition.kind }) } },
      data: { state: "skipped", skipReason: reason, lastActorId: actor.id, lastActorName: actor.name, finishedAt: new Date() },
    });
    if (!claimed) {
      const current = await tx.stepRun.findUniqueOrThrow({ where: { id: run.id } });
      throw new ConflictError(describeRefusal({ action: "skip", state: current.state, by: current.lastActorName }), `step_${current.state}`);
    }
    await tx.stepAttempt.updateMany({ where: { stepRunId: run.id, state: "awaiting_approval" }, data: { state: "voided", finishedAt: new Date() } });
    await tx.note.create({ data: { incidentId: run.incidentId, stepRunId: run.id, kind: "decision", text: `Skipped "${definition.title}": ${reason}`, actorId: actor.id, actorName: actor.name } });
    await refreshReadiness(tx, { incidentId: run.incidentId, scenario: loaded.scenario, branch: loaded.incident.branch });
    await touchParticipant(tx, { incidentId: run.incidentId, actor });
    await appendAuditEvent(tx, {
      actor, action: "step.skipped", outcome: "ok", incidentId: run.incidentId, stepId: run.stepId, detail: { reason },
      requestId: options.requestId, correlationId: options.correlationId,
    });
    return { incidentId: options.incidentId, stepId: options.stepId, state: "skipped" as const, attempt: claimed.attemptCount, operationId: null };
  });
}
