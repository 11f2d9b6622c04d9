import { IntegrationError } from "../../errors";
import { isRetryableStatus, networkFailureOf } from "../shared/network-failure";

const SYSTEM = "github";

/** Octokit's RequestError ("HttpError"), recognised by shape: @octokit/request-error is not a direct dependency. */
interface OctokitRequestError extends Error {
  status: number;
  response?: { headers: Record<string, string | number | undefined>; data?: unknown };
}

export function isOctokitRequestError(error: unknown): error is OctokitRequestError {
  return error instanceof Error && error.name === "HttpError" && typeof (error as { status?: unknown }).status === "number";
}

/** GitHub's answer as a readable IntegrationError with its x-github-request-id (the plugins have already retried). */
export function githubIntegrationError(options: { doing: string; error: unknown }): IntegrationError {
  const { doing, error } = options;
  if (error instanceof IntegrationError) return error;
  if (isOctokitRequestError(error)) {
    const network = error.status === 500 && !error.response ? networkFailureOf(error) : null;
    if (network) return new IntegrationError(SYSTEM, `GitHub could not be reached to ${doing}: ${network.detail}.`, { retryable: true });
    const headers = error.response?.headers ?? {};
    const data = error.response?.data as { message?: string } | undefined;
    return new IntegrationError(SYSTEM, `GitHub refused to ${doing} (HTTP ${error.status}): ${data?.message ?? error.message}`, {
      retryable: isRetryableStatus(error.status),
      requestId: headers["x-github-request-id"] === undefined ? undefined : String(headers["x-github-request-id"]),
      status: error.status,
    });
  }
  const network = networkFailureOf(error);
  if (network) return new IntegrationError(SYSTEM, `GitHub could not be reached to ${doing}: ${network.detail}.`, { retryable: true });
  return new IntegrationError(SYSTEM, `Could not ${doing}: ${error instanceof Error ? error.message : String(error)}`);
}

/** GitHub's 404 with this message (not a bare "Not Found", which may also mean no access). */
export function isGitHubNotFound(error: unknown, message?: RegExp): boolean {
  if (!(isOctokitRequestError(error)) || error.status !== 404) return false;
  const text = (error.response?.data as { message?: string } | undefined)?.message ?? error.message;
  return message ? message.test(text) : true;
}
