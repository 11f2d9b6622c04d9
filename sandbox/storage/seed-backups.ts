import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { BlobServiceClient } from "@azure/storage-blob";
import { catalogue } from "@/lib/catalogue/catalogue";
import { dumpAtPoint } from "../data/dump-at-point";
import { PostgresToolMissingError } from "../data/postgres-tools";
import type { ServerData } from "../data/server-data";
import type { AzureState } from "../azure/state";
import type { AzuriteInstance } from "./azurite";

/**
 * The backups a storage account would hold: one `aytq_<short>_YYYY-MM-DD.sql.gz` per night at the
 * scheduled 04:00 UTC, each a real gzipped pg_dump of the server's data as it was at that moment, so a
 * restore from storage moves real data. Azurite stamps blobs with the upload time; `backdateBlobs` rewrites
 * those stamps (its metadata file, while it is stopped) to the believable night-time ones.
 */

export interface SeededBackup {
  account: string;
  container: string;
  name: string;
  /** When the scheduled job would have uploaded it. */
  uploadedAt: Date;
  bytes: number;
}

const DAY = 86_400_000;

/** The nightly run times (newest first) of the last `nights` nights whose backup would exist by `now`. */
export function nightlyRunTimes(options: { now: Date; nights: number; timeUtc: string }): Date[] {
  const [h, m] = options.timeUtc.split(":").map(Number) as [number, number];
  const today = Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate(), h, m);
  // A run takes a few minutes: today's counts once it would have finished.
  let latest = today + 10 * 60_000 <= options.now.getTime() ? today : today - DAY;
  const times: Date[] = [];
  for (let i = 0; i < options.nights; i++, latest -= DAY) times.push(new Date(latest));
  return times;
}

export async function seedNightlyBackups(options: {
  azurite: AzuriteInstance;
  data: ServerData;
  state: AzureState;
  nights: number;
  now?: Date;
  log: (message: string) => void;
}): Promise<SeededBackup[]> {
  const now = options.now ?? new Date();
  const seeded: SeededBackup[] = [];
  for (const service of catalogue) {
    for (const environment of service.environments) {
      const storage = environment.backupStorage;
      if (!storage) continue;
      const container = BlobServiceClient.fromConnectionString(options.azurite.connectionString(storage.account)).getContainerClient(storage.container);
      await container.createIfNotExists();
      const server = options.state.server(environment.postgres.server);
      if (!server) continue;
      for (const runAt of nightlyRunTimes({ now, nights: options.nights, timeUtc: service.backupNaming.nightlyTimeUtc })) {
        const name = `${service.backupNaming.nightlyPrefix}_${environment.configShort}_${runAt.toISOString().slice(0, 10)}.sql.gz`;
        let dump: Buffer;
        try {
          dump = await dumpAtPoint({ data: options.data, serverKey: server.key, point: runAt });
        } catch (error) {
          if (error instanceof PostgresToolMissingError) {
            options.log(`no nightly backups seeded: ${error.message}`);
            return seeded;
          }
          throw error;
        }
        await container.getBlockBlobClient(name).uploadData(dump, { blobHTTPHeaders: { blobContentType: "application/gzip" } });
        // The job dumps, gzips and uploads: a couple of minutes after it starts.
        const uploadedAt = new Date(runAt.getTime() + 95_000 + Math.floor(Math.random() * 60_000));
        seeded.push({ account: storage.account, container: storage.container, name, uploadedAt, bytes: dump.length });
      }
    }
  }
  return seeded;
}

/** Sets creation and last-modified times of blobs in a stopped Azurite's metadata file. */
export async function backdateBlobs(options: { azuriteLocation: string; blobs: SeededBackup[] }): Promise<void> {
  const file = path.join(options.azuriteLocation, "__azurite_db_blob__.json");
  const db = JSON.parse(await readFile(file, "utf8")) as { collections: { name: string; data: { accountName: string; containerName: string; name: string; properties: Record<string, unknown> }[] }[] };
  const blobs = db.collections.find((c) => c.name === "$BLOBS_COLLECTION$");
  if (!blobs) return;
  for (const doc of blobs.data) {
    const seeded = options.blobs.find((b) => b.account === doc.accountName && b.container === doc.containerName && b.name === doc.name);
    if (!seeded) continue;
    const at = seeded.uploadedAt.toISOString();
    doc.properties.creationTime = at;
    doc.properties.lastModified = at;
    doc.properties.accessTierChangeTime = at;
  }
  await writeFile(file, JSON.stringify(db));
}
