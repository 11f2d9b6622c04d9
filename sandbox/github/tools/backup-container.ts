import { BlobServiceClient, type ContainerClient } from "@azure/storage-blob";
import type { EnvironmentDefinition } from "@/lib/catalogue/schema";
import type { SandboxContext } from "../../context";
import { StepFailedError } from "../workflows/workflow-definition";

/**
 * `az storage account show-connection-string -g <rg> -n <account>` then the `database-backup` container: the
 * environment's backup storage account in Azurite. An environment without one (preprod) fails as az fails.
 */
export function backupContainer(options: { context: SandboxContext; environment: EnvironmentDefinition }): { account: string; container: ContainerClient } {
  const { environment } = options;
  const short = environment.configShort;
  const prefix = environment.production ? "s189p01" : "s189t01";
  const account = environment.backupStorage?.account ?? `${prefix}aytqdbbkp${short}sa`;
  if (!environment.backupStorage) {
    throw new StepFailedError(
      `ERROR: (ResourceNotFound) The Resource 'Microsoft.Storage/storageAccounts/${account}' under resource group '${environment.resourceGroup}' was not found.`,
    );
  }
  const service = BlobServiceClient.fromConnectionString(options.context.storage.connectionString(account));
  return { account, container: service.getContainerClient(environment.backupStorage.container) };
}
