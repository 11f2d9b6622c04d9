import { ApiException } from "@kubernetes/client-node";
import { IntegrationError } from "../../errors";
import { parseRetryAfter, withRetryAfter } from "../shared/retry-after";
import { isRetryableStatus, networkFailureOf } from "../shared/network-failure";

const SYSTEM = "kubernetes";

/** The API server's Status message (`{"kind":"Status","message":...}`), whatever form the client kept the body in. */
function statusMessage(body: unknown): string | undefined {
  const parsed = typeof body === "string" ? (() => { try { return JSON.parse(body) as unknown; } catch { return body; } })() : body;
  if (parsed && typeof parsed === "object" && "message" in parsed && typeof (parsed as { message: unknown }).message === "string") return (parsed as { message: string }).message;
  return typeof parsed === "string" && parsed.trim() ? parsed.trim().slice(0, 300) : undefined;
}

/** A client-node error as a readable IntegrationError carrying the API server's audit id; 429 keeps its Retry-After. */
export function kubernetesIntegrationError(options: { doing: string; error: unknown }): IntegrationError {
  const { doing, error } = options;
  if (error instanceof IntegrationError) return error;
  if (error instanceof ApiException) {
    const headers = (error.headers ?? {}) as Record<string, string>;
    const mapped = new IntegrationError(SYSTEM, `The Kubernetes API refused to ${doing} (HTTP ${error.code}): ${statusMessage(error.body) ?? "no message"}`, {
      retryable: isRetryableStatus(error.code),
      requestId: headers["audit-id"],
      status: error.code,
    });
    return withRetryAfter(mapped, parseRetryAfter(headers["retry-after"]));
  }
  const network = networkFailureOf(error);
  if (network) return new IntegrationError(SYSTEM, `The Kubernetes API could not be reached to ${doing}: ${network.detail}.`, { retryable: true });
  return new IntegrationError(SYSTEM, `Could not ${doing}: ${error instanceof Error ? error.message : String(error)}`);
}
