import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { assertCan } from "../auth/capabilities";
import { db } from "../db";
import { assertUuid } from "../engine/assert-uuid";
import { ConflictError, NotFoundError, ValidationError } from "../errors";

/** Takes a scheduled DR test off the calendar, with a reason (audited). A started one is finished, not cancelled. */
export async function cancelDrill(options: ActionContext & { drillId: string; reason: string }): Promise<{ id: string }> {
  assertCan({ actor: options.actor, capability: "admin" });
  assertUuid(options.drillId, "DR test");
  const reason = options.reason?.trim() ?? "";
  if (reason.length < 3) throw new ValidationError("Say why the DR test is cancelled.", [{ path: "reason", message: "a reason is required" }]);
  return db().$transaction(async (tx) => {
    const updated = await tx.scheduledDrill.updateMany({ where: { id: options.drillId, status: "scheduled" }, data: { status: "cancelled", cancelReason: reason } });
    if (updated.count === 0) {
      const drill = await tx.scheduledDrill.findUnique({ where: { id: options.drillId }, select: { status: true } });
      if (!drill) throw new NotFoundError(`There is no DR test ${options.drillId}.`);
      throw new ConflictError(`This DR test is ${drill.status}: only a scheduled one can be cancelled.`, `drill_${drill.status}`);
    }
    await appendAuditEvent(tx, {
      actor: options.actor, action: "drill.cancelled", outcome: "ok", inputs: { reason }, detail: { drillId: options.drillId },
      requestId: options.requestId, correlationId: options.drillId,
    });
    return { id: options.drillId };
  });
}
