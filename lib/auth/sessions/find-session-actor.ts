import type { Actor } from "../../audit/actor";
import { db } from "../../db";

/**
 * The person a session token belongs to, with their role as it is now (a role change applies at once), or null
 * for an unknown or expired session. One indexed read: the session row is the whole session.
 */
export async function findSessionActor(options: { sessionToken: string | undefined | null }): Promise<Actor | null> {
  const token = options.sessionToken?.trim();
  if (!token || token.length > 200) return null;
  const session = await db().session.findUnique({
    where: { sessionToken: token },
    select: { expires: true, user: { select: { id: true, name: true, role: true } } },
  });
  if (!session || session.expires.getTime() <= Date.now()) return null;
  return { id: session.user.id, name: session.user.name, role: session.user.role };
}
