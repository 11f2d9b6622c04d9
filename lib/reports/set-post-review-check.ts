import { z } from "zod";
import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { inTransaction } from "../engine/transaction";
import { loadRun } from "../engine/load-run";
import { ValidationError } from "../errors";
import { authoriseReportEdit } from "./authorise-report-edit";
import { postReviewItemsFor } from "./post-review-items";

const inputSchema = z.object({
  item: z.string().trim().min(1),
  done: z.boolean({ error: "Say whether it is done." }),
  note: z.string().trim().max(1000, "The note is too long: at most 1000 characters.").optional().transform((v) => v || null),
});

/** Ticks (or unticks) an item of the post-DR review checklist, with an optional note; audited. */
export async function setPostReviewCheck(options: ActionContext & { incidentId: string; input: unknown }): Promise<{ item: string; done: boolean }> {
  authoriseReportEdit({ actor: options.actor });
  const parsed = inputSchema.safeParse(options.input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    throw new ValidationError(issues.map((i) => i.message).join(" "), issues);
  }
  const { incident } = await loadRun({ incidentId: options.incidentId });
  const items = postReviewItemsFor(incident.mode);
  if (!items.some((i) => i.item === parsed.data.item)) {
    throw new ValidationError(`"${parsed.data.item}" is not on the post-DR review checklist: ${items.map((i) => i.item).join(", ")}.`, [{ path: "item", message: "unknown item" }]);
  }
  const { item, done, note } = parsed.data;
  const data = { done, note, doneAt: done ? new Date() : null, byId: options.actor.id, byName: options.actor.name };
  return inTransaction(async (tx) => {
    await tx.postReviewCheck.upsert({ where: { incidentId_item: { incidentId: incident.id, item } }, create: { incidentId: incident.id, item, ...data }, update: data });
    await appendAuditEvent(tx, {
      actor: options.actor, action: "report.checklist_changed", outcome: "ok", incidentId: incident.id, inputs: parsed.data,
      requestId: options.requestId, correlationId: options.correlationId,
    });
    return { item, done };
  });
}
