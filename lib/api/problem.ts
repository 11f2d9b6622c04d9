import { ConflictError, ExpectedError, ValidationError, httpStatusOf } from "../errors";
import { logger } from "../log";

/** RFC 9457 problem details. `title` is short and stable; `detail` says what happened and what to do. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  requestId: string;
  /** Per-field problems of a ValidationError. */
  issues?: { path: string; message: string }[];
  /** Machine-readable reason of a ConflictError (e.g. "step_running", "inputs_changed"). */
  reason?: string;
}

const PROBLEM_BASE = "https://dr-console.education.gov.uk/problems/";

export function problemFor(error: unknown, requestId: string): Problem {
  if (error instanceof ExpectedError) {
    return {
      type: `${PROBLEM_BASE}${error.name.replace(/Error$/, "").replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase()}`,
      title: error.title,
      status: httpStatusOf(error),
      detail: error.message,
      requestId,
      ...(error instanceof ValidationError && error.issues.length ? { issues: error.issues } : {}),
      ...(error instanceof ConflictError && error.reason ? { reason: error.reason } : {}),
    };
  }
  // Never the message of an unexpected error: it may carry internals. The request id ties it to the log line.
  logger.error({ err: error, requestId }, "unexpected error in the HTTP API");
  return {
    type: `${PROBLEM_BASE}internal`,
    title: "Internal error",
    status: 500,
    detail: `Something went wrong on the console's side. It was logged with request id ${requestId}.`,
    requestId,
  };
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", "x-request-id": problem.requestId, ...headers },
  });
}
