/**
 * Recognises a call that never got an HTTP answer: the time limit passed (AbortSignal.timeout -> TimeoutError), the
 * connection was refused or cut (fetch's "fetch failed" TypeError with a system error as its cause, or the system
 * error itself from Node's http client). Such a call is worth repeating when it is safe to repeat.
 */
export type NetworkFailure = { kind: "timeout" | "connection"; detail: string };

const CONNECTION_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ESOCKETTIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH",
  "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CLOSED",
]);

export function networkFailureOf(error: unknown): NetworkFailure | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth += 1) {
    const e = current as { name?: string; code?: string; message?: string; cause?: unknown; type?: string };
    if (e.name === "TimeoutError" || e.name === "AbortError" || e.type === "aborted") return { kind: "timeout", detail: "no answer within the time limit" };
    if (e.code && CONNECTION_CODES.has(e.code)) return { kind: "connection", detail: `${e.code}${e.message ? `: ${e.message}` : ""}` };
    if (e.name === "TypeError" && e.message === "fetch failed" && !e.cause) return { kind: "connection", detail: "fetch failed" };
    if (e.message && /socket hang up|other side closed|ECONNRESET|ECONNREFUSED/i.test(e.message)) return { kind: "connection", detail: e.message };
    current = e.cause;
  }
  return null;
}

/** 429 and 5xx other than 501/505 (not implemented / version not supported) are worth repeating. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status !== 501 && status !== 505);
}
