import { open } from "node:fs/promises";
import path from "node:path";
import { RestError } from "@azure/storage-blob";
import { backupContainer } from "../tools/backup-container";
import { PostgresClientError, runSqlFile } from "../tools/postgres-client";
import { checkout, completeJob, setUpJob } from "./common-steps";
import { environmentOf, londonNow, todayUtc } from "./environment-of";
import { confirmedUnlessProduction, confirmProductionInput, environmentInput } from "./production-guard";
import { StepFailedError, type StepContext, type WorkflowDefinition } from "./workflow-definition";

/**
 * database-restore.yml ("Restore database from Azure storage"): downloads `<backup-file>` (with its .sql.gz; empty:
 * today's scheduled `aytq_<short>_<YYYY-MM-DD>.sql.gz`) from the environment's backup container and runs it with
 * psql into the database of the app's DATABASE_URL, which is always the LIVE server. Job-level concurrency
 * `deploy_<env>`; production needs confirm-production "true" or the job is skipped.
 */

async function setEnvironmentVariables(ctx: StepContext): Promise<void> {
  const environment = environmentOf(ctx, ctx.inputs.environment ?? "");
  const backupFile = ctx.inputs["backup-file"] || `${ctx.service.key}_${environment.configShort}_${todayUtc()}.sql.gz`;
  Object.assign(ctx.env, {
    NAMESPACE: environment.kubernetes.namespace,
    RESOURCE_GROUP_NAME: environment.resourceGroup,
    STORAGE_ACCOUNT_NAME: environment.backupStorage?.account ?? "",
    DB_SERVER: environment.postgres.server,
    BACKUP_FILE: backupFile,
  });
  ctx.log(`BACKUP_FILE=${backupFile}`);
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

async function restorePostgres(ctx: StepContext): Promise<void> {
  const environment = environmentOf(ctx, ctx.inputs.environment ?? "");
  const app = `${ctx.service.repository.repo}-${environment.key}`;
  const blobName = ctx.env.BACKUP_FILE ?? "";
  const { account, container } = backupContainer({ context: ctx.sandbox, environment });
  const file = path.join(ctx.workDir, path.basename(blobName) || "backup");

  ctx.log(`az storage azcopy blob download --container database-backup --source ${blobName} --destination ${blobName}`);
  try {
    await container.getBlobClient(blobName).downloadToFile(file, undefined, undefined, { abortSignal: ctx.signal });
  } catch (error) {
    if (error instanceof RestError && error.statusCode === 404) {
      throw new StepFailedError(`failed to perform copy command due to error: BlobNotFound: The specified blob does not exist. (${account}/database-backup/${blobName})`);
    }
    throw error;
  }
  const compressed = await isGzip(file);
  ctx.log(`Run ./konduit.sh -n ${environment.kubernetes.namespace} -i ${blobName}${compressed ? " -c" : ""} -t 7200 -x ${app} -- psql`);
  // konduit reads DATABASE_URL from the app's secret: the live server, whatever server the backup came from.
  const databaseUrl = await ctx.sandbox.serverDatabaseUrl(environment.postgres.server);
  if (!databaseUrl) {
    throw new StepFailedError(`psql: error: could not translate host name "${environment.postgres.server}.postgres.database.azure.com" to address: Name or service not known`);
  }
  try {
    await runSqlFile({ databaseUrl, file, compressed, log: ctx.log, signal: ctx.signal });
  } catch (error) {
    if (error instanceof PostgresClientError) throw new StepFailedError(error.message);
    throw error;
  }
  ctx.summary("RESTORE SUCCESSFUL!");
  ctx.summary(`  APP: ${app}`);
  ctx.summary(`  BACKUP FILE RESTORED: ${account} / database-backup / ${blobName}`);
  ctx.summary(`  AT : ${londonNow()}`);
}

export const databaseRestore: WorkflowDefinition = {
  id: 92733104,
  file: "database-restore.yml",
  name: "Restore database from Azure storage",
  inputs: {
    environment: environmentInput,
    "confirm-production": confirmProductionInput,
    "backup-file": {
      description: "Name of the backup file in Azure storage. e.g. aytq_prod_2024-08-09.sql.gz. The default value is today's scheduled backup.",
      type: "string",
      required: false,
    },
  },
  jobName: () => "Restore AKS Database",
  runsJob: confirmedUnlessProduction,
  concurrencyGroup: (inputs) => `deploy_${inputs.environment}`,
  steps: (inputs) => [
    setUpJob,
    checkout("v6", "Checkout"),
    { name: "Set environment variables", run: setEnvironmentVariables },
    { name: `Restore ${inputs.environment} postgres`, main: true, run: restorePostgres },
    completeJob,
  ],
};
