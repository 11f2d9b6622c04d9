/**
 * The wait a server asked for (HTTP Retry-After: seconds or an HTTP date), in milliseconds, or undefined.
 * Attached to the IntegrationError an adapter throws so the retry helper can honour it.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const retryAfter = new WeakMap<object, number>();

/** Remembers the server's Retry-After for an error (a WeakMap: nothing leaks when the error is dropped). */
export function withRetryAfter<E extends object>(error: E, ms: number | undefined): E {
  if (ms !== undefined) retryAfter.set(error, ms);
  return error;
}

export function retryAfterOf(error: unknown): number | undefined {
  return typeof error === "object" && error !== null ? retryAfter.get(error) : undefined;
}
