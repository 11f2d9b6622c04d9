import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { assertUuid } from "../engine/assert-uuid";
import { inTransaction } from "../engine/transaction";
import { NotFoundError, ValidationError } from "../errors";
import { authoriseReportEdit } from "./authorise-report-edit";
import { followUpInputSchema } from "./follow-up-input";

/** Changes a follow-up action (its text, owner, card link or status: "dropped" instead of deleting it), audited. */
export async function updateFollowUpAction(options: ActionContext & { incidentId: string; followUpId: string; input: unknown }): Promise<{ id: string }> {
  authoriseReportEdit({ actor: options.actor });
  assertUuid(options.followUpId, "follow-up action");
  const parsed = followUpInputSchema.safeParse(options.input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    throw new ValidationError(issues.map((i) => i.message).join(" "), issues);
  }
  return inTransaction(async (tx) => {
    const before = await tx.followUpAction.findFirst({ where: { id: options.followUpId, incidentId: options.incidentId } });
    if (!before) throw new NotFoundError(`There is no follow-up action ${options.followUpId} on incident ${options.incidentId}.`);
    await tx.followUpAction.update({ where: { id: before.id }, data: parsed.data });
    await appendAuditEvent(tx, {
      actor: options.actor, action: "report.follow_up_changed", outcome: "ok", incidentId: before.incidentId, inputs: parsed.data,
      detail: { followUpId: before.id, before: { title: before.title, detail: before.detail, owner: before.owner, cardUrl: before.cardUrl, status: before.status } },
      requestId: options.requestId, correlationId: options.correlationId,
    });
    return { id: before.id };
  });
}
