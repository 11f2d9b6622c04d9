import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { inTransaction } from "../engine/transaction";
import { loadRun } from "../engine/load-run";
import { ValidationError } from "../errors";
import { authoriseReportEdit } from "./authorise-report-edit";
import { followUpInputSchema } from "./follow-up-input";

/** Adds a follow-up action to an incident's report (audited). */
export async function addFollowUpAction(options: ActionContext & { incidentId: string; input: unknown }): Promise<{ id: string }> {
  authoriseReportEdit({ actor: options.actor });
  const parsed = followUpInputSchema.safeParse(options.input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    throw new ValidationError(issues.map((i) => i.message).join(" "), issues);
  }
  const { incident } = await loadRun({ incidentId: options.incidentId });
  return inTransaction(async (tx) => {
    const last = await tx.followUpAction.findFirst({ where: { incidentId: incident.id }, orderBy: { position: "desc" }, select: { position: true } });
    const created = await tx.followUpAction.create({
      data: { incidentId: incident.id, ...parsed.data, position: (last?.position ?? 0) + 1, createdById: options.actor.id, createdByName: options.actor.name },
    });
    await appendAuditEvent(tx, {
      actor: options.actor, action: "report.follow_up_added", outcome: "ok", incidentId: incident.id, inputs: parsed.data,
      detail: { followUpId: created.id }, requestId: options.requestId, correlationId: options.correlationId,
    });
    return { id: created.id };
  });
}
