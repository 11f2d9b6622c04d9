import pRetry from "p-retry";
import { IntegrationError } from "../../errors";
import type { CallPolicy } from "./call-policy";
import { retryAfterOf } from "./retry-after";

export interface CallWithRetriesOptions<T> {
  policy: CallPolicy;
  /** One try. `signal` ends it when the policy's time limit passes. */
  call: (signal: AbortSignal) => Promise<T>;
  /** Turns whatever the try threw into the readable IntegrationError (retryable or not) the port answers with. */
  toIntegrationError: (error: unknown) => IntegrationError;
  /** Only calls whose repetition is harmless (reads; "scale to N"; a patch carrying its own value) are retried. */
  safeToRepeat: boolean;
}

/**
 * One call to an external system for the adapters whose SDK has no retry policy of its own (Kubernetes, health,
 * database), with p-retry: a time limit on each try; retries with exponential back-off (and the server's
 * Retry-After when it gives a longer wait) on retryable errors - 429, 5xx, broken connections - when the call is
 * safe to repeat. Throws the mapped IntegrationError of the last try.
 */
export async function callWithRetries<T>(options: CallWithRetriesOptions<T>): Promise<T> {
  const { policy } = options;
  return pRetry(
    async () => {
      try {
        return await options.call(AbortSignal.timeout(policy.timeoutMs));
      } catch (error) {
        throw options.toIntegrationError(error);
      }
    },
    {
      retries: options.safeToRepeat ? policy.maxRetries : 0,
      minTimeout: policy.retryDelayMs,
      maxTimeout: policy.maxRetryDelayMs,
      factor: 2,
      shouldRetry: ({ error }) => error instanceof IntegrationError && error.retryable,
      onFailedAttempt: async ({ error, retriesLeft }) => {
        // p-retry then waits its own back-off; a longer wait the server asked for is made up here first.
        const asked = retryAfterOf(error);
        if (retriesLeft > 0 && error instanceof IntegrationError && error.retryable && asked !== undefined && asked > policy.retryDelayMs) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(asked, policy.maxRetryDelayMs)));
        }
      },
    },
  );
}
