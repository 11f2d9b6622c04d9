import { env } from "../../config/env";
import { db } from "../../db";
import { ForbiddenError, NotFoundError } from "../../errors";
import { auditAuthEvent, recordRefusal } from "../audit-auth-event";
import { createSession } from "../sessions/create-session";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The sandbox's sign-in: picks one of the seeded people and opens a database session for them, the same kind of
 * session row a Microsoft sign-in makes (Auth.js's Credentials provider cannot make database sessions, so the
 * console makes the row itself). Refused, and audited, outside sandbox mode and for anyone not seeded.
 */
export async function signInAsSandboxPerson(options: { userId: string; requestId?: string }): Promise<{ sessionToken: string; expires: Date }> {
  if (env().DR_TARGET !== "sandbox") {
    await recordRefusal({ actor: null, action: "sandbox sign-in", reason: "not in sandbox mode", requestId: options.requestId });
    throw new ForbiddenError("The sandbox sign-in is off: this console drives real systems. Sign in with Microsoft.", true);
  }
  const user = UUID.test(options.userId)
    ? await db().user.findUnique({ where: { id: options.userId }, select: { id: true, name: true, role: true, sandboxSeed: true } })
    : null;
  if (!user?.sandboxSeed) {
    await recordRefusal({ actor: null, action: "sandbox sign-in", reason: "not a seeded sandbox person", requestId: options.requestId, detail: { userId: options.userId.slice(0, 64) } });
    throw new NotFoundError("There is no such sandbox person: choose one from the list.");
  }
  const session = await createSession({ userId: user.id, method: "sandbox" });
  await auditAuthEvent({ actor: { id: user.id, name: user.name, role: user.role }, action: "auth.signed_in", outcome: "ok", detail: { method: "sandbox" }, requestId: options.requestId });
  return session;
}
