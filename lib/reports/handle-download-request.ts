import type { Actor } from "../audit/actor";
import { problemFor, problemResponse } from "../api/problem";
import { recordRefusal } from "../auth/audit-auth-event";
import { authenticateRequest } from "../auth/authenticate-request";
import { assertCan, type Capability } from "../auth/capabilities";
import { authenticateApiToken } from "../auth/tokens/authenticate-api-token";
import { ForbiddenError, NotSignedInError } from "../errors";

export interface Download {
  body: Uint8Array | string;
  contentType: string;
  /** Sent as an attachment with this name; absent: shown inline (a calendar feed). */
  fileName?: string;
}

/**
 * The frame of the routes that answer with a file rather than JSON (report exports, the calendar feed): who is
 * asking first (an API token, the browser's session, or, where `allowQueryToken`, an API token in `?token=` for
 * calendar apps that cannot send headers), then the capability, then the handler; expected errors as problem+json.
 */
export async function handleDownloadRequest(
  request: Request,
  handler: (ctx: { actor: Actor; query: URLSearchParams; requestId: string }) => Promise<Download>,
  options: { capability: Capability; allowQueryToken?: boolean },
): Promise<Response> {
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && /^[\w.-]{8,128}$/.test(incoming) ? incoming : crypto.randomUUID();
  const query = new URL(request.url).searchParams;
  let actor: Actor | null = null;
  try {
    const queryToken = options.allowQueryToken ? query.get("token") : null;
    actor = queryToken && !request.headers.get("authorization")
      ? await authenticateApiToken({ token: queryToken, method: request.method, requestId })
      : (await authenticateRequest({ request, requestId })).actor;
    assertCan({ actor, capability: options.capability });
    const download = await handler({ actor, query, requestId });
    const headers: Record<string, string> = { "content-type": download.contentType, "cache-control": "no-store", "x-request-id": requestId, "x-content-type-options": "nosniff" };
    if (download.fileName) headers["content-disposition"] = `attachment; filename="${download.fileName.replace(/[^\w.-]/g, "_")}"`;
    return new Response(download.body as BodyInit, { status: 200, headers });
  } catch (error) {
    if (error instanceof ForbiddenError && !error.audited) {
      await recordRefusal({ actor, action: `api ${request.method} ${new URL(request.url).pathname}`, reason: error.message, requestId });
    }
    const headers: Record<string, string> = error instanceof NotSignedInError ? { "www-authenticate": 'Bearer realm="dr-console"' } : {};
    return problemResponse(problemFor(error, requestId), headers);
  }
}
