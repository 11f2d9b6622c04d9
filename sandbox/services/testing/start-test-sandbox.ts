import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { BlobServiceClient } from "@azure/storage-blob";
import { startAzure, type AzureSandbox } from "../../azure/start-azure";
import type { SandboxContext } from "../../context";
import { ServerData } from "../../data/server-data";
import { Faults, OperationCounters } from "../../faults";
import { backupAccounts } from "../../storage/start-storage";
import { startAzurite, type AzuriteInstance } from "../../storage/azurite";

/**
 * For the integration tests of the GitHub, Kubernetes and services stand-ins: the sandbox's own Azure part (ARM
 * stand-in with emulated servers as real databases, fast timings, a small seed) and, when asked, Azurite with the
 * backup containers, in a temporary state folder. stop() drops every database it made and deletes the folder.
 */

export interface TestSandbox {
  context: SandboxContext;
  azure: AzureSandbox;
  azurite: AzuriteInstance | undefined;
  stop(): Promise<void>;
}

export async function startTestSandbox(options: { adminDatabaseUrl: string; storage?: boolean }): Promise<TestSandbox> {
  const stateDir = await mkdtemp(path.join(tmpdir(), "sandbox-test-"));
  const faults = new Faults();
  const counters = new OperationCounters();
  const log = () => undefined;
  const azure = await startAzure({ adminDatabaseUrl: options.adminDatabaseUrl, stateDir, speed: "fast", faults, counters, log, seedTeachers: 12 });
  let azurite: AzuriteInstance | undefined;
  if (options.storage) {
    const accounts = backupAccounts();
    azurite = await startAzurite({ stateDir, accounts: [...new Set(accounts.map((a) => a.account))] });
    for (const a of accounts) await BlobServiceClient.fromConnectionString(azurite.connectionString(a.account)).getContainerClient(a.container).createIfNotExists();
  }
  const storage = azurite;
  const context: SandboxContext = {
    adminDatabaseUrl: options.adminDatabaseUrl,
    stateDir,
    arm: { url: azure.url, caFile: azure.caFile, token: azure.token },
    storage: {
      connectionString: (account) => {
        if (!storage) throw new Error("this test sandbox was started without storage");
        return storage.connectionString(account);
      },
      blobUrl: (account) => {
        if (!storage) throw new Error("this test sandbox was started without storage");
        return storage.blobUrl(account);
      },
    },
    serverDatabaseUrl: (serverName) => azure.serverDatabaseUrl(serverName),
    faults,
    counters,
  };
  return {
    context,
    azure,
    azurite,
    async stop() {
      await azurite?.stop();
      await azure.stop();
      await ServerData.destroyAll({ adminUrl: options.adminDatabaseUrl, stateDir });
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
