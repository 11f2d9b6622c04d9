import path from "node:path";
import { BlobServiceClient } from "@azure/storage-blob";
import { catalogue } from "@/lib/catalogue/catalogue";
import type { AzureState } from "../azure/state";
import type { ServerData } from "../data/server-data";
import { startAzurite, type AzuriteInstance } from "./azurite";
import { backdateBlobs, seedNightlyBackups } from "./seed-backups";

/**
 * The backup storage accounts of the catalogue (test and production; preprod has none) in Azurite, each
 * with its `database-backup` container, seeded with nightly backups on a fresh sandbox.
 */

export interface SandboxStorage {
  readonly url: string;
  readonly accounts: string[];
  connectionString(account: string): string;
  blobUrl(account: string): string;
  /** Empties every container and seeds the nightly backups again. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export function backupAccounts(): { account: string; container: string }[] {
  return catalogue.flatMap((s) => s.environments.flatMap((e) => (e.backupStorage ? [e.backupStorage] : [])));
}

export async function startStorage(options: {
  stateDir: string;
  port?: number;
  data: ServerData;
  state: AzureState;
  /** Seed nightly backups now (a fresh sandbox); how many nights. */
  seedNights: number;
  log: (message: string) => void;
}): Promise<SandboxStorage> {
  const accounts = backupAccounts();
  const names = [...new Set(accounts.map((a) => a.account))];
  const location = path.resolve(options.stateDir, "azurite");
  let current: AzuriteInstance = await startAzurite({ stateDir: options.stateDir, accounts: names, port: options.port, log: options.log });

  const ensureContainers = async (azurite: AzuriteInstance) => {
    for (const a of accounts) await BlobServiceClient.fromConnectionString(azurite.connectionString(a.account)).getContainerClient(a.container).createIfNotExists();
  };
  const seed = async () => {
    if (options.seedNights <= 0) return;
    const blobs = await seedNightlyBackups({ azurite: current, data: options.data, state: options.state, nights: options.seedNights, log: options.log });
    if (blobs.length === 0) return;
    // Azurite stamps uploads "now"; give them the night-time stamps the scheduled job would have left.
    await current.stop();
    await backdateBlobs({ azuriteLocation: location, blobs });
    // Same port: endpoints already handed out stay right (a reset re-seeds while clients are connected).
    current = await startAzurite({ stateDir: options.stateDir, accounts: names, port: current.port, log: options.log });
    options.log(`seeded ${blobs.length} nightly backups`);
  };

  await ensureContainers(current);
  await seed();

  return {
    get url() {
      return current.url;
    },
    accounts: names,
    connectionString: (account) => current.connectionString(account),
    blobUrl: (account) => current.blobUrl(account),
    async reset() {
      for (const a of accounts) {
        const container = BlobServiceClient.fromConnectionString(current.connectionString(a.account)).getContainerClient(a.container);
        for await (const blob of container.listBlobsFlat()) await container.deleteBlob(blob.name, { deleteSnapshots: "include" });
      }
      await seed();
    },
    stop: () => current.stop(),
  };
}
