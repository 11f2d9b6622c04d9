import { isRestError } from "@azure/core-rest-pipeline";
import { IntegrationError } from "../../errors";
import { isRetryableStatus, networkFailureOf } from "../shared/network-failure";

/**
 * An Azure SDK error (RestError, or a connection failure) as a readable IntegrationError: what we were doing, Azure's
 * error code and message, and its request id (x-ms-request-id, else the correlation id) for a support ticket.
 * `retryable` says whether repeating the same call could help (429, 5xx, no answer); the SDK has already retried.
 */
export function azureIntegrationError(options: { system: string; doing: string; error: unknown }): IntegrationError {
  const { system, doing, error } = options;
  if (error instanceof IntegrationError) return error;
  // isRestError, not instanceof: in the production build the SDKs throw the RestError of their own copy of the package.
  if (isRestError(error) && error.statusCode !== undefined) {
    const headers = error.response?.headers;
    const requestId = headers?.get("x-ms-request-id") ?? headers?.get("x-ms-correlation-request-id") ?? error.request?.requestId;
    const code = error.code ? `${error.code}: ` : "";
    return new IntegrationError(system, `Azure refused to ${doing} (HTTP ${error.statusCode}) - ${code}${error.message}`, {
      retryable: isRetryableStatus(error.statusCode),
      requestId: requestId ?? undefined,
      status: error.statusCode,
    });
  }
  const network = networkFailureOf(error);
  if (network) {
    return new IntegrationError(system, `Azure could not be reached to ${doing}: ${network.detail}.`, { retryable: true });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new IntegrationError(system, `Could not ${doing}: ${message}`, { retryable: false });
}

/** Azure's "not found" answers (the resource or its group): a server that does not exist reads as null. */
export function isAzureNotFound(error: unknown): boolean {
  return isRestError(error) && error.statusCode === 404;
}
