import { readFileSync } from "node:fs";
import type { TokenCredential } from "@azure/core-auth";
import type { Env } from "../config/env";
import { IntegrationError } from "../errors";
import type { IntegrationPorts } from "../engine/ports";
import { createPgDatabaseAdapter } from "./database/pg-adapter";
import { createOctokit, type GitHubAuth } from "./github/create-octokit";
import { createOctokitAdapter } from "./github/octokit-adapter";
import { createFetchHealthAdapter } from "./health/fetch-adapter";
import { IntegrationConfigError } from "./integration-config-error";
import type { CallPolicy } from "./shared/call-policy";
import { lazyArmMonitorPort, lazyArmPostgresPort, lazyBlobBackupPort, lazyKubernetesPort } from "./shared/lazy-adapters";

/** Entra ID's scope for Azure Database for PostgreSQL: the token is the password. */
const POSTGRES_ENTRA_SCOPE = "https://ossrdbms-aad.database.windows.net/.default";

/** A GitHub token, or a GitHub App (id, installation, private key inline or in a file): one of them must be set. */
function githubAuthFrom(config: Env): GitHubAuth {
  if (config.GITHUB_APP_ID || config.GITHUB_APP_INSTALLATION_ID || config.GITHUB_APP_PRIVATE_KEY || config.GITHUB_APP_PRIVATE_KEY_FILE) {
    const key = config.GITHUB_APP_PRIVATE_KEY?.replaceAll("\\n", "\n") ?? (config.GITHUB_APP_PRIVATE_KEY_FILE ? readFileSync(config.GITHUB_APP_PRIVATE_KEY_FILE, "utf8") : undefined);
    if (!config.GITHUB_APP_ID || !config.GITHUB_APP_INSTALLATION_ID || !key) {
      throw new IntegrationConfigError("A GitHub App needs GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and GITHUB_APP_PRIVATE_KEY (or GITHUB_APP_PRIVATE_KEY_FILE).");
    }
    return { kind: "app", appId: config.GITHUB_APP_ID, installationId: config.GITHUB_APP_INSTALLATION_ID, privateKey: key };
  }
  if (config.GITHUB_TOKEN) return { kind: "token", token: config.GITHUB_TOKEN };
  throw new IntegrationConfigError("DR_TARGET=cloud needs GitHub credentials: GITHUB_TOKEN, or a GitHub App (GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID, GITHUB_APP_PRIVATE_KEY).");
}

/**
 * The real adapters against real Azure, GitHub, Kubernetes and the services' own health pages: DefaultAzureCredential
 * (workload identity in AKS, az login on a laptop), a GitHub token or App, in-cluster config or a kubeconfig. The
 * Azure and Kubernetes SDKs load on their port's first call (lib/integrations/shared/lazy-adapters.ts).
 */
export function createCloudPorts(options: { config: Env; policy: CallPolicy; isRunClaimed?: (runId: number) => Promise<boolean> }): IntegrationPorts {
  const { config, policy } = options;
  let credentialLoad: Promise<TokenCredential> | null = null;
  const azureCredential = () => {
    // Loaded with the first Azure port that needs it; a failed load is tried again next time, as lazyPort does.
    credentialLoad ??= import("@azure/identity")
      .then(({ DefaultAzureCredential }): TokenCredential => new DefaultAzureCredential())
      .catch((error: unknown) => {
        credentialLoad = null;
        throw error;
      });
    return credentialLoad;
  };
  const connection = { endpoint: config.AZURE_RESOURCE_MANAGER_URL };
  const auth = githubAuthFrom(config);
  return {
    azurePostgres: lazyArmPostgresPort({ credential: azureCredential, connection, policy }),
    azureMonitor: lazyArmMonitorPort({ credential: azureCredential, connection, policy }),
    backupStorage: lazyBlobBackupPort({
      policy,
      credential: azureCredential,
      clientFor: (account, { BlobServiceClient, pipeline, credential }) => new BlobServiceClient(`https://${account}.blob.core.windows.net`, credential, pipeline),
    }),
    github: createOctokitAdapter({
      octokit: createOctokit({ baseUrl: config.GITHUB_API_URL, auth, policy }),
      auth,
      actor: config.GITHUB_ACTOR,
      returnRunDetails: config.GITHUB_RETURN_RUN_DETAILS === "true",
      isRunClaimed: options.isRunClaimed,
    }),
    kubernetes: lazyKubernetesPort({ kubeconfigFile: config.KUBECONFIG, inCluster: config.KUBERNETES_IN_CLUSTER, policy }),
    health: createFetchHealthAdapter({ policy }),
    database: createPgDatabaseAdapter({
      policy,
      connectionFor: async ({ server, database }) => {
        const user = config.AZURE_POSTGRES_ENTRA_USER;
        if (!user) throw new IntegrationError("database", "AZURE_POSTGRES_ENTRA_USER is not set, so the console does not sign in to the database servers.");
        return {
          host: `${server.server}.postgres.database.azure.com`,
          port: 5432,
          database,
          user,
          ssl: { rejectUnauthorized: true },
          password: async () => {
            const token = await (await azureCredential()).getToken(POSTGRES_ENTRA_SCOPE);
            if (!token) throw new IntegrationError("database", "No Entra ID token for Azure Database for PostgreSQL.");
            return token.token;
          },
        };
      },
    }),
  };
}
