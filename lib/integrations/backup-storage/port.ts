/**
 * The backup storage account (container `database-backup`), in our own types (real adapter: @azure/storage-blob).
 */

export interface BackupBlob {
  /** Blob name with extension, e.g. aytq_ts_2026-07-24.sql.gz */
  name: string;
  /** ISO 8601 UTC (the blob's creation or last-modified time). */
  createdAt: string;
  sizeBytes: number;
}

export interface BackupStoragePort {
  listBackups(options: { account: string; container: string }): Promise<BackupBlob[]>;
  /** null when absent. */
  getBackup(options: { account: string; container: string; name: string }): Promise<BackupBlob | null>;
}
