import { createSession } from "../../../lib/auth/sessions/create-session";
import { sessionCookie } from "../../../lib/auth/sessions/session-cookie";

/** A signed-in browser's cookie header for a person: a database session as the sandbox sign-in makes one. */
export async function sessionCookieFor(userId: string): Promise<string> {
  const { sessionToken } = await createSession({ userId, method: "sandbox" });
  return `${sessionCookie().name}=${encodeURIComponent(sessionToken)}`;
}
