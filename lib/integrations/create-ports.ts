import path from "node:path";
import type { Env } from "../config/env";
import type { IntegrationPorts } from "../engine/ports";
import { callPolicyFromConfig } from "./call-policy-from-config";
import { createCloudPorts } from "./create-cloud-ports";
import { createSandboxPorts } from "./create-sandbox-ports";
import type { CallPolicy } from "./shared/call-policy";

export interface CreatePortsOptions {
  config: Env;
  /** Runs already recorded by another operation (lib/engine/is-run-claimed.ts), so a dispatch never adopts them. */
  isRunClaimed?: (runId: number) => Promise<boolean>;
  /** Tests: shorter back-off than configuration's. */
  policy?: Partial<CallPolicy>;
}

/**
 * The engine's ports from configuration, and nothing else decides: DR_TARGET=sandbox -> the real adapters pointed
 * at the sandbox's stand-ins (SANDBOX_ENDPOINTS_FILE); DR_TARGET=cloud -> the real services. Throws
 * IntegrationConfigError (SandboxEndpointsMissingError when no sandbox is running) with a message saying what to set.
 */
export function createPorts(options: CreatePortsOptions): IntegrationPorts {
  const { config } = options;
  const policy = callPolicyFromConfig(config, options.policy);
  if (config.DR_TARGET === "cloud") return createCloudPorts({ config, policy, isRunClaimed: options.isRunClaimed });
  return createSandboxPorts({
    endpointsFile: path.resolve(config.SANDBOX_ENDPOINTS_FILE),
    policy,
    githubToken: config.GITHUB_TOKEN,
    returnRunDetails: config.GITHUB_RETURN_RUN_DETAILS === "true",
    isRunClaimed: options.isRunClaimed,
  });
}
