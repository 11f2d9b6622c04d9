import type { TokenCredential } from "@azure/core-auth";
import type { BlobServiceClient, StoragePipelineOptions } from "@azure/storage-blob";
import type { AzureMonitorPort } from "../azure-monitor/port";
import type { AzurePostgresPort } from "../azure-postgres/port";
import type { ArmConnection } from "../azure/arm-client-options";
import type { BackupStoragePort } from "../backup-storage/port";
import type { KubernetesPort } from "../kubernetes/port";
import type { CallPolicy } from "./call-policy";
import { lazyPort } from "./lazy-port";

/**
 * The adapters whose SDKs are heavy, each loaded on its port's first call (lib/integrations/shared/lazy-port.ts), the
 * same for the cloud (lib/integrations/create-cloud-ports.ts) and the sandbox (create-sandbox-ports.ts): only where
 * the credential, the ARM endpoint, the storage clients and the kubeconfig come from differs.
 */
type Credential = TokenCredential | (() => Promise<TokenCredential>);
const credentialOf = (credential: Credential) => (typeof credential === "function" ? credential() : Promise.resolve(credential));

export function lazyArmPostgresPort(options: { credential: Credential; connection: ArmConnection; policy: CallPolicy }): AzurePostgresPort {
  return lazyPort<AzurePostgresPort>(async () => {
    const [{ createArmPostgresAdapter }, credential] = await Promise.all([import("../azure-postgres/arm-adapter"), credentialOf(options.credential)]);
    return createArmPostgresAdapter({ credential, connection: options.connection, policy: options.policy });
  });
}

export function lazyArmMonitorPort(options: { credential: Credential; connection: ArmConnection; policy: CallPolicy }): AzureMonitorPort {
  return lazyPort<AzureMonitorPort>(async () => {
    const [{ createArmMonitorAdapter }, credential] = await Promise.all([import("../azure-monitor/arm-adapter"), credentialOf(options.credential)]);
    return createArmMonitorAdapter({ credential, connection: options.connection, policy: options.policy });
  });
}

/**
 * Backup storage through one Blob client per storage account, made by `clientFor` from the SDK's class, the pipeline
 * options of the call policy and, when given, the loaded credential.
 */
export function lazyBlobBackupPort(options: {
  policy: CallPolicy;
  credential?: Credential;
  clientFor: (account: string, made: { BlobServiceClient: typeof BlobServiceClient; pipeline: StoragePipelineOptions; credential?: TokenCredential }) => BlobServiceClient;
}): BackupStoragePort {
  return lazyPort<BackupStoragePort>(async () => {
    const [{ BlobServiceClient }, { createBlobBackupAdapter }, { storageClientOptions }, credential] = await Promise.all([
      import("@azure/storage-blob"),
      import("../backup-storage/blob-adapter"),
      import("../backup-storage/storage-client-options"),
      options.credential ? credentialOf(options.credential) : Promise.resolve(undefined),
    ]);
    const made = { BlobServiceClient, pipeline: storageClientOptions(options.policy), credential };
    const clients = new Map<string, BlobServiceClient>();
    return createBlobBackupAdapter({
      serviceFor: (account) => {
        let client = clients.get(account);
        if (!client) {
          client = options.clientFor(account, made);
          clients.set(account, client);
        }
        return client;
      },
    });
  });
}

export function lazyKubernetesPort(options: { kubeconfigFile?: string; inCluster?: string; policy: CallPolicy }): KubernetesPort {
  return lazyPort<KubernetesPort>(async () => {
    const [{ createClientNodeAdapter }, { appsApiForClusters }] = await Promise.all([import("../kubernetes/client-node-adapter"), import("../kubernetes/apps-api-for-clusters")]);
    return createClientNodeAdapter({ appsFor: appsApiForClusters({ kubeconfigFile: options.kubeconfigFile, inCluster: options.inCluster }), policy: options.policy });
  });
}
