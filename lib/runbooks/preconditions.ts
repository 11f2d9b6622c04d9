import type { Precondition } from "./types";

export const backupStorageExists: Precondition = {
  id: "backup-storage-exists",
  description: "The environment has a backup storage account",
  check: ({ environment }) =>
    environment.backupStorage
      ? null
      : `${environment.label} has no backup storage account, so this step cannot run there: backups and restores from Azure storage exist for test and production only.`,
};
