import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { assertCan } from "../auth/capabilities";
import { db } from "../db";
import { assertUuid } from "../engine/assert-uuid";
import { NotFoundError } from "../errors";

/** Stops a cadence (kept, inactive, so its history stays readable): no more due dates or overdue reminders. */
export async function removeDrillCadence(options: ActionContext & { cadenceId: string }): Promise<{ id: string }> {
  assertCan({ actor: options.actor, capability: "admin" });
  assertUuid(options.cadenceId, "DR test cadence");
  return db().$transaction(async (tx) => {
    const updated = await tx.drillCadence.updateMany({ where: { id: options.cadenceId }, data: { active: false } });
    if (updated.count === 0) throw new NotFoundError(`There is no DR test cadence ${options.cadenceId}.`);
    await appendAuditEvent(tx, {
      actor: options.actor, action: "drill.cadence_removed", outcome: "ok", detail: { cadenceId: options.cadenceId },
      requestId: options.requestId, correlationId: options.cadenceId,
    });
    return { id: options.cadenceId };
  });
}
