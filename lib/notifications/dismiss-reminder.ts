import type { ActionContext } from "../audit/actor";
import { assertCan } from "../auth/capabilities";
import { db } from "../db";
import { assertUuid } from "../engine/assert-uuid";
import { NotFoundError } from "../errors";

/** Hides a reminder for everyone (who and when are kept on the row). Dismissing twice is harmless. */
export async function dismissReminder(options: ActionContext & { reminderId: string }): Promise<{ id: string }> {
  assertCan({ actor: options.actor, capability: "act" });
  assertUuid(options.reminderId, "reminder");
  const updated = await db().reminder.updateMany({
    where: { id: options.reminderId, dismissedAt: null },
    data: { dismissedAt: new Date(), dismissedById: options.actor.id, dismissedByName: options.actor.name },
  });
  if (updated.count === 0 && !(await db().reminder.findUnique({ where: { id: options.reminderId }, select: { id: true } }))) {
    throw new NotFoundError(`There is no reminder ${options.reminderId}.`);
  }
  return { id: options.reminderId };
}
