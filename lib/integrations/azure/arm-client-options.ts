import type { Agent } from "node:http";
import type { AdditionalPolicyConfig } from "@azure/core-client";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import type { CallPolicy } from "../shared/call-policy";

/** Azure Resource Manager's own endpoint and token scope (the real cloud; the sandbox overrides the endpoint). */
export const AZURE_RESOURCE_MANAGER = "https://management.azure.com";

export interface ArmConnection {
  /** ARM's base URL: the real one, or the sandbox's stand-in. */
  endpoint: string;
  /** An https agent trusting an extra CA (the sandbox's); absent for the real cloud. */
  agent?: Agent;
}

/** A time limit on every try (core-rest-pipeline aborts the request when `request.timeout` passes). */
export function callTimeoutPolicy(timeoutMs: number): PipelinePolicy {
  return {
    name: "drConsoleCallTimeout",
    sendRequest: (request, next) => {
      if (!request.timeout || request.timeout > timeoutMs) request.timeout = timeoutMs;
      return next(request);
    },
  };
}

/**
 * Options for @azure/arm-postgresql-flexible and @azure/arm-monitor clients: the SDKs' own retry policies
 * (exponential back-off on 5xx and connection errors, throttling retry honouring Retry-After on 429) configured from
 * the call policy, a time limit on each try, and ARM's token scope whatever the endpoint (so a real credential asks
 * for the right token when the endpoint is the sandbox's, and the sandbox's credential ignores it).
 */
export function armClientOptions(options: { connection: ArmConnection; policy: CallPolicy }) {
  const { connection, policy } = options;
  const additionalPolicies: AdditionalPolicyConfig[] = [{ policy: callTimeoutPolicy(policy.timeoutMs), position: "perRetry" }];
  return {
    endpoint: connection.endpoint,
    // arm-postgresql-flexible reads `credentialScopes`, arm-monitor (a newer generation) `credentials.scopes`.
    credentialScopes: [`${AZURE_RESOURCE_MANAGER}/.default`],
    credentials: { scopes: [`${AZURE_RESOURCE_MANAGER}/.default`] },
    ...(connection.agent ? { agent: connection.agent } : {}),
    retryOptions: { maxRetries: policy.maxRetries, retryDelayInMs: policy.retryDelayMs, maxRetryDelayInMs: policy.maxRetryDelayMs },
    additionalPolicies,
    userAgentOptions: { userAgentPrefix: "dr-console" },
  };
}
