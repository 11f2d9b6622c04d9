import { z } from "zod";
import type { Actor } from "../../audit/actor";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { db } from "../../db";
import { ConflictError, NotFoundError, ValidationError } from "../../errors";
import { assertCan } from "../capabilities";
import { ROLES, type Role } from "../roles";

export const changeUserRoleInputSchema = z.object({
  userId: z.uuid({ error: "There is no such person." }),
  role: z.enum(ROLES as [Role, ...Role[]], { error: `The role: one of ${ROLES.join(", ")}.` }),
});

/**
 * An admin changes someone's role; it applies to their next request (sessions and tokens read the role each
 * time). The last admin cannot be demoted (nobody could then manage roles). Audited with before and after.
 * People whose role comes from a mapped Entra ID group get the mapped role back at their next sign-in.
 */
export async function changeUserRole(options: { actor: Actor; input: unknown; requestId?: string }): Promise<{ id: string; role: Role }> {
  const { actor } = options;
  assertCan({ actor, capability: "admin" });
  const parsed = changeUserRoleInputSchema.safeParse(options.input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    throw new ValidationError(issues.map((i) => i.message).join(" "), issues);
  }
  const { userId, role } = parsed.data;
  return db().$transaction(async (tx) => {
    // Serialise role changes, so two admins demoting each other at once cannot leave no admin.
    await tx.$executeRaw`select pg_advisory_xact_lock(4242007)`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, role: true } });
    if (!user) throw new NotFoundError("There is no such person.");
    if (user.role === role) return { id: user.id, role };
    if (user.role === "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1) {
      throw new ConflictError(`${user.name} is the only admin: make someone else an admin first.`, "last_admin");
    }
    await tx.user.update({ where: { id: user.id }, data: { role } });
    await appendAuditEvent(tx, {
      actor, action: "user.role_changed", outcome: "ok",
      detail: { userId: user.id, name: user.name, from: user.role, to: role, source: "console admin" },
      requestId: options.requestId,
    });
    return { id: user.id, role };
  });
}
