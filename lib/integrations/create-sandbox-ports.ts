import { existsSync, readFileSync } from "node:fs";
import https from "node:https";
import type { SandboxEndpoints } from "../../sandbox/control/endpoints";
import { IntegrationError } from "../errors";
import { unavailablePorts, type IntegrationPorts } from "../engine/ports";
import type { ArmConnection } from "./azure/arm-client-options";
import { StaticTokenCredential } from "./azure/static-token-credential";
import { createPgDatabaseAdapter } from "./database/pg-adapter";
import { createOctokit } from "./github/create-octokit";
import { createOctokitAdapter } from "./github/octokit-adapter";
import { createFetchHealthAdapter } from "./health/fetch-adapter";
import { healthUrlMap } from "./health/health-url-map";
import { SandboxEndpointsMissingError } from "./integration-config-error";
import type { CallPolicy } from "./shared/call-policy";
import { lazyArmMonitorPort, lazyArmPostgresPort, lazyBlobBackupPort, lazyKubernetesPort } from "./shared/lazy-adapters";

export interface CreateSandboxPortsOptions {
  /** `<stateDir>/endpoints.json` of a running sandbox. */
  endpointsFile: string;
  policy: CallPolicy;
  /** The sandbox accepts any token; GITHUB_TOKEN when set (it decides the actor), else the console's own. */
  githubToken?: string;
  returnRunDetails: boolean;
  isRunClaimed?: (runId: number) => Promise<boolean>;
}

/**
 * The real adapters pointed at the sandbox's stand-ins, from its endpoints.json: the same SDK code as in the cloud,
 * only the endpoints, the ARM token and CA, Azurite's connection strings and the kubeconfig differ. A stand-in the
 * sandbox did not start answers every call with a readable error. The Azure and Kubernetes SDKs load on their
 * port's first call (lib/integrations/shared/lazy-adapters.ts).
 */
export function createSandboxPorts(options: CreateSandboxPortsOptions): IntegrationPorts {
  if (!existsSync(options.endpointsFile)) throw new SandboxEndpointsMissingError(options.endpointsFile);
  const endpoints = JSON.parse(readFileSync(options.endpointsFile, "utf8")) as SandboxEndpoints;
  const { policy } = options;
  const missing = unavailablePorts(`the sandbox at ${endpoints.stateDir} did not start this stand-in`);

  const credential = new StaticTokenCredential(endpoints.arm.token);
  const connection: ArmConnection = { endpoint: endpoints.arm.url, agent: new https.Agent({ ca: readFileSync(endpoints.arm.caFile), keepAlive: true }) };

  return {
    azurePostgres: lazyArmPostgresPort({ credential, connection, policy }),
    azureMonitor: lazyArmMonitorPort({ credential, connection, policy }),
    backupStorage: lazyBlobBackupPort({
      policy,
      clientFor: (account, { BlobServiceClient, pipeline }) => {
        const entry = endpoints.storage.accounts[account];
        if (!entry) throw new IntegrationError("backup-storage", `The sandbox has no storage account ${account}.`, { status: 404 });
        return BlobServiceClient.fromConnectionString(entry.connectionString, pipeline);
      },
    }),
    github: endpoints.github
      ? createOctokitAdapter({
          octokit: createOctokit({ baseUrl: endpoints.github.url, auth: { kind: "token", token: options.githubToken ?? "dr-console-sandbox" }, policy }),
          auth: { kind: "token", token: options.githubToken ?? "dr-console-sandbox" },
          returnRunDetails: options.returnRunDetails,
          isRunClaimed: options.isRunClaimed,
        })
      : missing.github,
    kubernetes: endpoints.kubernetes
      ? lazyKubernetesPort({ kubeconfigFile: endpoints.kubernetes.kubeconfigFile, policy })
      : missing.kubernetes,
    health: endpoints.services ? createFetchHealthAdapter({ policy, resolveUrl: healthUrlMap(endpoints.services.healthUrls) }) : missing.health,
    database: createPgDatabaseAdapter({
      policy,
      // The sandbox's servers are databases on one PostgreSQL; its control API says which, while the server is Ready.
      connectionFor: async ({ server }) => {
        const response = await fetch(`${endpoints.control.url}/servers/${encodeURIComponent(server.server)}/database-url`, { signal: AbortSignal.timeout(policy.timeoutMs) });
        if (!response.ok) throw new IntegrationError("database", `The sandbox has no database for ${server.server} (HTTP ${response.status}): is the server Ready?`, { status: response.status });
        const { url } = (await response.json()) as { url: string };
        return { connectionString: url };
      },
    }),
  };
}
