import { cookies, headers } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import type { Actor } from "../audit/actor";
import { NotSignedInError } from "../errors";
import { safeCallbackPath } from "./safe-callback-path";
import { findSessionActor } from "./sessions/find-session-actor";
import { sessionCookie } from "./sessions/session-cookie";

/**
 * Who is acting on this request, from the session cookie (a Microsoft Entra ID sign-in, or the sandbox's picker),
 * with their role as it is now. Every page, server action and console route handler calls this first (actions
 * through lib/actions/action-client.ts). Nobody signed in: a page render is sent to the sign-in page (and back
 * here after); a server action or an /api route gets NotSignedInError (401). Pages that need more than a signed-in
 * person call requirePageActor with a capability.
 */
export async function getCurrentActor(): Promise<Actor> {
  const actor = await getOptionalActor();
  if (actor) return actor;
  const h = await headers();
  // proxy.ts sets x-dr-path on every request; a server action's POST carries next-action.
  const path = h.get("x-dr-path");
  if (path && !path.startsWith("/api/") && !h.has("next-action")) {
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(safeCallbackPath(path))}`);
  }
  throw new NotSignedInError("Sign in to use the DR console: your session has ended or you have not signed in.");
}

/**
 * The signed-in person, or null. Read once per page render (React's cache: the account bar, the page's metadata and
 * the page itself all ask); a server action or route handler, outside a render, reads it each time it asks.
 */
export const getOptionalActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  return findSessionActor({ sessionToken: jar.get(sessionCookie().name)?.value });
});
