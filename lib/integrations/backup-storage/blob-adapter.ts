import type { BlobItem, BlobServiceClient } from "@azure/storage-blob";
import { IntegrationError } from "../../errors";
import { azureIntegrationError, isAzureNotFound } from "../azure/azure-integration-error";
import type { BackupBlob, BackupStoragePort } from "./port";

const SYSTEM = "backup-storage";

export interface BlobBackupAdapterOptions {
  /**
   * The blob service of a storage account, built by configuration with the SDK's own retry policy and per-try time
   * limit: `https://<account>.blob.core.windows.net` with an Azure credential, or the sandbox's Azurite connection
   * string. Throws IntegrationError for an account configuration does not know.
   */
  serviceFor(account: string): BlobServiceClient;
}

const iso = (value: Date | undefined): string => (value ?? new Date(0)).toISOString();

function reshapeBlob(item: Pick<BlobItem, "name"> & { properties: { createdOn?: Date; lastModified?: Date; contentLength?: number } }): BackupBlob {
  return { name: item.name, createdAt: iso(item.properties.createdOn ?? item.properties.lastModified), sizeBytes: item.properties.contentLength ?? 0 };
}

/** The backup container through @azure/storage-blob: every blob with its time and size; one blob's properties. */
export function createBlobBackupAdapter(options: BlobBackupAdapterOptions): BackupStoragePort {
  return {
    async listBackups({ account, container }) {
      const blobs: BackupBlob[] = [];
      try {
        for await (const item of options.serviceFor(account).getContainerClient(container).listBlobsFlat()) blobs.push(reshapeBlob(item));
      } catch (error) {
        if (error instanceof IntegrationError) throw error;
        throw azureIntegrationError({ system: SYSTEM, doing: `list the backups in ${account}/${container}`, error });
      }
      return blobs.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    async getBackup({ account, container, name }) {
      try {
        const properties = await options.serviceFor(account).getContainerClient(container).getBlobClient(name).getProperties();
        return reshapeBlob({ name, properties });
      } catch (error) {
        if (isAzureNotFound(error)) return null;
        if (error instanceof IntegrationError) throw error;
        throw azureIntegrationError({ system: SYSTEM, doing: `read the backup ${name} in ${account}/${container}`, error });
      }
    },
  };
}
