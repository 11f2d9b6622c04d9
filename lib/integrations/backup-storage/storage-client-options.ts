import { StorageRetryPolicyType, type StoragePipelineOptions } from "@azure/storage-blob";
import type { CallPolicy } from "../shared/call-policy";

/** @azure/storage-blob's own retry policy (exponential; 5xx, 429, timeouts) with a time limit on each try. */
export function storageClientOptions(policy: CallPolicy): StoragePipelineOptions {
  return {
    retryOptions: {
      retryPolicyType: StorageRetryPolicyType.EXPONENTIAL,
      maxTries: policy.maxRetries + 1,
      tryTimeoutInMs: policy.timeoutMs,
      retryDelayInMs: policy.retryDelayMs,
      maxRetryDelayInMs: policy.maxRetryDelayMs,
    },
    userAgentOptions: { userAgentPrefix: "dr-console" },
  };
}
