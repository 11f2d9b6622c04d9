import { actorSchema, type Actor } from "../audit/actor";
import { env } from "../config/env";
import { ValidationError } from "../errors";
import { problemFor, problemResponse } from "./problem";

export interface ApiContext {
  requestId: string;
  /** Who is acting, from the sandbox's X-Actor-* headers (sign-in replaces this in issue 7). */
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

const MAX_BODY = 64 * 1024;

/**
 * The frame of every /api/v1 route handler: request id, the sandbox-only gate (until sign-in exists), JSON in and
 * out, and expected errors turned into problem+json with a clear title. Handlers stay one call to a feature.
 */
export async function handleApiRequest(request: Request, handler: (ctx: ApiContext) => Promise<ApiResult>): Promise<Response> {
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && /^[\w.-]{8,128}$/.test(incoming) ? incoming : crypto.randomUUID();
  if (env().DR_TARGET !== "sandbox") {
    return problemResponse({
      type: "https://dr-console.education.gov.uk/problems/api-unavailable",
      title: "The HTTP API is not available here yet",
      status: 403,
      detail: "Until sign-in and API tokens exist, the HTTP API answers only when the console drives the sandbox (DR_TARGET=sandbox). Use the console's pages.",
      requestId,
    });
  }
  const ctx: ApiContext = {
    requestId,
    query: new URL(request.url).searchParams,
    actor: () => readActor(request.headers),
    body: () => readJsonBody(request),
  };
  try {
    const result = await handler(ctx);
    return new Response(JSON.stringify(result.body, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)), {
      status: result.status ?? 200,
      headers: { "content-type": "application/json", "cache-control": "no-store", "x-request-id": requestId, ...result.headers },
    });
  } catch (error) {
    return problemResponse(problemFor(error, requestId));
  }
}

function readActor(headers: Headers): Actor {
  const id = headers.get("x-actor-id");
  if (!id) {
    throw new ValidationError("Say who is acting: send the X-Actor-Id header (and X-Actor-Name, X-Actor-Role) until sign-in exists.", [
      { path: "X-Actor-Id", message: "required" },
    ]);
  }
  const parsed = actorSchema.safeParse({ id, name: headers.get("x-actor-name") ?? id, role: headers.get("x-actor-role") ?? "responder" });
  if (!parsed.success) {
    throw new ValidationError(`Bad actor headers: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`, [
      { path: "X-Actor-Role", message: "viewer, responder, lead or admin" },
    ]);
  }
  return parsed.data;
}

async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > MAX_BODY) throw new ValidationError(`The request body is too large: at most ${MAX_BODY / 1024} KB.`);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError("The request body is not valid JSON.");
  }
}
