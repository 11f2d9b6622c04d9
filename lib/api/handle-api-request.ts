import type { Actor } from "../audit/actor";
import { recordRefusal } from "../auth/audit-auth-event";
import { authenticateRequest } from "../auth/authenticate-request";
import { assertCan, type Capability } from "../auth/capabilities";
import { ForbiddenError, NotSignedInError, ValidationError } from "../errors";
import { problemFor, problemResponse } from "./problem";

export interface ApiContext {
  requestId: string;
  /** Who is acting: the owner of the API token (`Authorization: Bearer`), or the signed-in browser session. */
  actor(): Actor;
  /** The JSON body (at most 64 KB); ValidationError when it is not JSON. */
  body(): Promise<unknown>;
  query: URLSearchParams;
}

export interface ApiResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ApiRequestOptions {
  /** What the route needs at least (lib/auth/capabilities.ts); the features refine it (the engine's role rules). */
  capability?: Capability;
}

const MAX_BODY = 64 * 1024;

/**
 * The frame of every /api/v1 route handler: request id, authentication (API token or session) and the route's
 * capability before anything else, JSON in and out, and expected errors turned into problem+json with a clear title
 * (401 with WWW-Authenticate when nobody is signed in). Refusals are audited. Handlers stay one call to a feature.
 */
export async function handleApiRequest(request: Request, handler: (ctx: ApiContext) => Promise<ApiResult>, options: ApiRequestOptions = {}): Promise<Response> {
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && /^[\w.-]{8,128}$/.test(incoming) ? incoming : crypto.randomUUID();
  let actor: Actor | null = null;
  try {
    actor = (await authenticateRequest({ request, requestId })).actor;
    const signedIn = actor;
    assertCan({ actor: signedIn, capability: options.capability ?? "read" });
    const ctx: ApiContext = {
      requestId,
      query: new URL(request.url).searchParams,
      actor: () => signedIn,
      body: () => readJsonBody(request),
    };
    const result = await handler(ctx);
    return new Response(JSON.stringify(result.body, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)), {
      status: result.status ?? 200,
      headers: { "content-type": "application/json", "cache-control": "no-store", "x-request-id": requestId, ...result.headers },
    });
  } catch (error) {
    if (error instanceof ForbiddenError && !error.audited) {
      await recordRefusal({ actor, action: `api ${request.method} ${new URL(request.url).pathname}`, reason: error.message, requestId });
    }
    const headers: Record<string, string> = error instanceof NotSignedInError ? { "www-authenticate": 'Bearer realm="dr-console"' } : {};
    return problemResponse(problemFor(error, requestId), headers);
  }
}

async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > MAX_BODY) throw new ValidationError(`The request body is too large: at most ${MAX_BODY / 1024} KB.`);
  if (!text.trim()) return {};
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError("The request body is not valid JSON.");
  }
  // PostgreSQL cannot store U+0000 in text or jsonb: refused here with a message rather than failing at the insert.
  if (holdsNul(body)) throw new ValidationError("The request body contains a NUL character (\\u0000), which cannot be stored: remove it.");
  return body;
}

function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === "object") return Object.entries(value).some(([k, v]) => k.includes("\u0000") || holdsNul(v));
  return false;
}
