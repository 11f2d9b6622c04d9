import { createAppAuth } from "@octokit/auth-app";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { logger } from "../../log";
import type { CallPolicy } from "../shared/call-policy";

/** A token (a PAT, or the sandbox's), or a GitHub App that mints installation tokens itself (@octokit/auth-app). */
export type GitHubAuth =
  | { kind: "token"; token: string }
  | { kind: "app"; appId: string; privateKey: string; installationId: number };

const DrOctokit = Octokit.plugin(retry, throttling);
export type DrOctokitClient = InstanceType<typeof DrOctokit>;

/**
 * Octokit with GitHub's recommended plugins: plugin-throttling queues writes and retries rate-limited requests
 * after GitHub's Retry-After (429 and secondary limits), plugin-retry retries 5xx and connection errors with back-off.
 * A request that must not be repeated (a workflow dispatch) is sent with `request: { retries: 0 }`. Every try has a
 * time limit (a fetch with AbortSignal.timeout).
 */
export function createOctokit(options: { baseUrl: string; auth: GitHubAuth; policy: CallPolicy }): DrOctokitClient {
  const { policy } = options;
  const timedFetch: typeof fetch = (input, init) => {
    const signals = [AbortSignal.timeout(policy.timeoutMs), ...(init?.signal ? [init.signal] : [])];
    return fetch(input, { ...init, signal: AbortSignal.any(signals) });
  };
  const retryRateLimited = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    logger.warn({ kind, retryAfter, method: request.method, url: request.url, retryCount }, "GitHub rate limit: waiting before retrying");
    return retryCount < policy.maxRetries;
  };
  return new DrOctokit({
    baseUrl: options.baseUrl,
    userAgent: "dr-console",
    ...(options.auth.kind === "token"
      ? { auth: options.auth.token }
      : { authStrategy: createAppAuth, auth: { appId: options.auth.appId, privateKey: options.auth.privateKey, installationId: options.auth.installationId } }),
    // No default `request.retries`: plugin-retry would then repeat every failed request at once, whatever its status.
    request: { fetch: timedFetch },
    // 429 belongs to the throttling plugin (which honours Retry-After); plugin-retry's own back-off handles 5xx.
    retry: { retries: policy.maxRetries, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451], retryAfterBaseValue: policy.retryDelayMs },
    throttle: {
      onRateLimit: retryRateLimited("primary"),
      onSecondaryRateLimit: retryRateLimited("secondary"),
      fallbackSecondaryRateRetryAfter: Math.ceil(policy.maxRetryDelayMs / 1000),
    },
    // Octokit logs every failed request as an error; the adapter reports what matters, so these are warnings.
    log: { debug: () => undefined, info: () => undefined, warn: (m: string) => logger.warn(m), error: (m: string) => logger.warn(m) },
  });
}
