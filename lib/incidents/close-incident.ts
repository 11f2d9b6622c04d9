import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { ConflictError, ValidationError } from "../errors";
import { authoriseStepAction } from "../engine/authorise-step-action";
import { loadRun } from "../engine/load-run";
import { touchParticipant } from "../engine/touch-participant";
import { inTransaction } from "../engine/transaction";

export interface CloseIncidentOptions extends ActionContext {
  incidentId: string;
  status: "resolved" | "abandoned";
  /** Required when abandoning, or when steps are left unfinished. */
  reason?: string;
}

/** Closes an incident. Nothing may be running or awaiting approval; unfinished steps need a reason. */
export async function closeIncident(options: CloseIncidentOptions): Promise<{ status: "resolved" | "abandoned" }> {
  authoriseStepAction({ actor: options.actor, action: "close" });
  if (options.status !== "resolved" && options.status !== "abandoned") {
    throw new ValidationError('Close as "resolved" or "abandoned".', [{ path: "status", message: "resolved or abandoned" }]);
  }
  const reason = options.reason?.trim() || null;
  const loaded = await loadRun({ incidentId: options.incidentId });
  if (loaded.incident.status !== "open") throw new ConflictError(`This incident is already ${loaded.incident.status}.`, "incident_closed");
  const busy = loaded.runs.filter((r) => r.state === "running" || r.state === "awaiting_approval");
  if (busy.length) throw new ConflictError(`Steps still in progress: ${busy.map((r) => r.stepId).join(", ")}. Wait for them to finish first.`, "steps_in_progress");
  const unfinished = loaded.runs.filter((r) => {
    const d = loaded.scenario.steps.find((s) => s.id === r.stepId);
    const offBranch = d?.branch && d.branch !== loaded.incident.branch;
    return !offBranch && r.state !== "succeeded" && r.state !== "skipped";
  });
  if ((options.status === "abandoned" || unfinished.length) && !reason) {
    throw new ValidationError(
      options.status === "abandoned" ? "Say why the incident is abandoned." : `Steps not done: ${unfinished.map((r) => r.stepId).join(", ")}. Say why it is closed anyway.`,
      [{ path: "reason", message: "a reason is required" }],
    );
  }
  return inTransaction(async (tx) => {
    const updated = await tx.incident.updateMany({
      where: { id: loaded.incident.id, status: "open" },
      data: { status: options.status, closedAt: new Date(), closeReason: reason },
    });
    if (updated.count === 0) throw new ConflictError("This incident was closed at the same moment by someone else.", "incident_closed");
    await touchParticipant(tx, { incidentId: loaded.incident.id, actor: options.actor });
    await appendAuditEvent(tx, {
      actor: options.actor, action: "incident.closed", outcome: "ok", incidentId: loaded.incident.id,
      inputs: { status: options.status, reason }, detail: { unfinished: unfinished.map((r) => r.stepId) },
      requestId: options.requestId, correlationId: options.correlationId,
    });
    return { status: options.status };
  });
}
