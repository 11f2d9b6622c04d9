import type { Env } from "../config/env";
import { DEFAULT_CALL_POLICY, type CallPolicy } from "./shared/call-policy";

/** The call policy every adapter uses, from INTEGRATION_TIMEOUT_SECONDS and INTEGRATION_MAX_RETRIES. */
export function callPolicyFromConfig(config: Pick<Env, "INTEGRATION_TIMEOUT_SECONDS" | "INTEGRATION_MAX_RETRIES">, override: Partial<CallPolicy> = {}): CallPolicy {
  return { ...DEFAULT_CALL_POLICY, timeoutMs: config.INTEGRATION_TIMEOUT_SECONDS * 1000, maxRetries: config.INTEGRATION_MAX_RETRIES, ...override };
}
