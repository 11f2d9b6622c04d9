import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { ConflictError, ValidationError } from "../errors";
import { authoriseStepAction } from "../engine/authorise-step-action";
import { loadRun } from "../engine/load-run";
import { refreshReadiness } from "../engine/refresh-readiness";
import { touchParticipant } from "../engine/touch-participant";
import { inTransaction } from "../engine/transaction";

export interface ChooseBranchOptions extends ActionContext {
  incidentId: string;
  /** e.g. "option-2" */
  branch: string;
  reason: string;
}

/**
 * Switches the option an incident follows (Scenario 1: option 2 after option 1 failed or is out of its window).
 * Needs a reason, recorded as a decision. The unfinished steps of the option left are skipped with that reason;
 * nothing of it may be running or awaiting approval.
 */
export async function chooseBranch(options: ChooseBranchOptions): Promise<{ branch: string; skipped: string[] }> {
  authoriseStepAction({ actor: options.actor, action: "branch" });
  const reason = options.reason?.trim() ?? "";
  if (reason.length < 3) throw new ValidationError("Say why the option is changed.", [{ path: "reason", message: "a reason is required" }]);
  const loaded = await loadRun({ incidentId: options.incidentId });
  const target = loaded.scenario.branches.find((b) => b.id === options.branch);
  if (!target) {
    const known = loaded.scenario.branches.map((b) => b.id);
    throw new ValidationError(known.length ? `"${options.branch}" is not an option of this scenario: ${known.join(", ")}.` : "This scenario has no options to choose between.", [{ path: "branch", message: "unknown option" }]);
  }
  if (loaded.incident.status !== "open") throw new ConflictError(`This incident is ${loaded.incident.status}.`, "incident_closed");
  if (loaded.incident.branch === target.id) throw new ConflictError(`This incident already follows ${target.title}.`, "same_branch");
  const leaving = loaded.incident.branch;
  const busy = loaded.runs.filter((r) => {
    const d = loaded.scenario.steps.find((s) => s.id === r.stepId);
    return d?.branch === leaving && (r.state === "running" || r.state === "awaiting_approval");
  });
  if (busy.length) throw new ConflictError(`Wait for ${busy.map((r) => r.stepId).join(", ")} to finish (or fail) before changing option.`, "branch_busy");
  const leavingSteps = loaded.scenario.steps.filter((s) => s.branch === leaving).map((s) => s.id);
  const { actor } = options;

  return inTransaction(async (tx) => {
    const updated = await tx.incident.updateMany({ where: { id: loaded.incident.id, branch: leaving, status: "open" }, data: { branch: target.id } });
    if (updated.count === 0) throw new ConflictError("Someone changed this incident at the same moment: reload and try again.", "concurrent_change");
    const skipReason = `${target.title} chosen: ${reason}`;
    const skipped = await tx.stepRun.updateManyAndReturn({
      where: { incidentId: loaded.incident.id, stepId: { in: leavingSteps }, state: { in: ["pending", "ready", "failed"] } },
      data: { state: "skipped", skipReason, lastActorId: actor.id, lastActorName: actor.name, finishedAt: new Date() },
    });
    await tx.note.create({ data: { incidentId: loaded.incident.id, kind: "decision", text: skipReason, actorId: actor.id, actorName: actor.name } });
    await refreshReadiness(tx, { incidentId: loaded.incident.id, scenario: loaded.scenario, branch: target.id });
    await touchParticipant(tx, { incidentId: loaded.incident.id, actor });
    await appendAuditEvent(tx, {
      actor, action: "incident.branch_chosen", outcome: "ok", incidentId: loaded.incident.id,
      inputs: { branch: target.id, reason }, detail: { from: leaving, skipped: skipped.map((s) => s.stepId) },
      requestId: options.requestId, correlationId: options.correlationId,
    });
    return { branch: target.id, skipped: skipped.map((s) => s.stepId) };
  });
}
