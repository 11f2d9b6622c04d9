/**
 * How every adapter calls its system: a time limit on each call and how many times, and how far apart, a call that
 * is safe to repeat is tried again after a 429, a 5xx or a broken connection. One shape for every adapter so that
 * configuration (lib/config/env.ts: INTEGRATION_TIMEOUT_SECONDS, INTEGRATION_MAX_RETRIES) sets them all.
 */
export interface CallPolicy {
  /** Time limit of one HTTP call (one try), in milliseconds. */
  timeoutMs: number;
  /** Further tries after the first, for calls that are safe to repeat. */
  maxRetries: number;
  /** First back-off delay; it doubles on each retry up to `maxRetryDelayMs`. A Retry-After header wins when longer. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
}

export const DEFAULT_CALL_POLICY: CallPolicy = { timeoutMs: 30_000, maxRetries: 4, retryDelayMs: 500, maxRetryDelayMs: 30_000 };
