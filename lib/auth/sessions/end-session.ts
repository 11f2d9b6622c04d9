import { db } from "../../db";
import { auditAuthEvent } from "../audit-auth-event";

/** Signs out: deletes the session row (the cookie alone is then worthless) and records it. */
export async function endSession(options: { sessionToken: string | undefined; requestId?: string }): Promise<void> {
  if (!options.sessionToken) return;
  const session = await db().session.findUnique({
    where: { sessionToken: options.sessionToken },
    select: { id: true, method: true, user: { select: { id: true, name: true, role: true } } },
  });
  if (!session) return;
  await db().session.deleteMany({ where: { id: session.id } });
  await auditAuthEvent({ actor: session.user, action: "auth.signed_out", outcome: "ok", detail: { method: session.method }, requestId: options.requestId });
}
