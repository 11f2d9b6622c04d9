import { databaseBackup } from "./database-backup";
import { databaseRestore } from "./database-restore";
import { databaseRestorePtr } from "./database-restore-ptr";
import { maintenance } from "./maintenance";
import { manualDeploy } from "./manual-deploy";
import { postgresRecoverDeletedDb } from "./postgres-recover-deleted-db";
import type { WorkflowDefinition } from "./workflow-definition";

/** The workflows of the sandbox's repositories (the files of the facts page), found by file name or id. */
export const workflows: readonly WorkflowDefinition[] = [
  databaseBackup,
  databaseRestore,
  databaseRestorePtr,
  postgresRecoverDeletedDb,
  manualDeploy,
  maintenance,
];

export function findWorkflow(idOrFile: string): WorkflowDefinition | undefined {
  return workflows.find((w) => w.file === idOrFile || String(w.id) === idOrFile);
}
