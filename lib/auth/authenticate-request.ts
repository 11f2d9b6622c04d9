import type { Actor } from "../audit/actor";
import { ForbiddenError, NotSignedInError } from "../errors";
import { recordRefusal } from "./audit-auth-event";
import { findSessionActor } from "./sessions/find-session-actor";
import { sessionCookie } from "./sessions/session-cookie";
import { authenticateApiToken } from "./tokens/authenticate-api-token";

export interface AuthenticatedRequest {
  actor: Actor;
  via: "token" | "session";
  tokenId?: string;
}

/**
 * Who sends an HTTP API request: `Authorization: Bearer <token>` (an API token), else the browser's session cookie.
 * A request with neither is refused with NotSignedInError (401). A token that is present but wrong is refused even
 * if a session cookie is there too: the caller meant the token. Every refusal is written to the audit trail.
 */
export async function authenticateRequest(options: { request: Request; requestId?: string }): Promise<AuthenticatedRequest> {
  const { request } = options;
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new NotSignedInError('Send the API token as "Authorization: Bearer <token>".');
    const { tokenId, ...actor } = await authenticateApiToken({ token: match[1]!, method: request.method, requestId: options.requestId });
    return { actor, via: "token", tokenId };
  }
  const actor = await findSessionActor({ sessionToken: readCookie(request.headers.get("cookie"), sessionCookie().name) });
  if (actor) {
    // A browser session may change things only from the console's own pages (the cookie is SameSite=Lax too).
    if (request.method !== "GET" && request.method !== "HEAD" && crossSite(request.headers)) {
      await recordRefusal({ actor, action: `api ${request.method} ${new URL(request.url).pathname}`, reason: "cross-site request with a session cookie", requestId: options.requestId });
      throw new ForbiddenError("A request from another site cannot use your console session. Scripts use an API token.", true);
    }
    return { actor, via: "session" };
  }
  await recordRefusal({ actor: null, action: `api ${request.method} ${new URL(request.url).pathname}`, reason: "no credentials", requestId: options.requestId });
  throw new NotSignedInError('Sign in first: send an API token as "Authorization: Bearer <token>" (make one on the console\'s API tokens page).');
}

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

function crossSite(headers: Headers): boolean {
  if (headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = headers.get("origin");
  if (!origin) return false;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return !host || new URL(origin).host !== host;
  } catch {
    return true;
  }
}
