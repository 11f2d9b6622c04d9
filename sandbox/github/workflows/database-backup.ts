import { randomUUID } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import { RestError } from "@azure/storage-blob";
import { backupContainer } from "../tools/backup-container";
import { dumpDatabase, PostgresClientError } from "../tools/postgres-client";
import { checkout, completeJob, setUpJob } from "./common-steps";
import { environmentOf, londonNow, todayUtc } from "./environment-of";
import { StepFailedError, type StepContext, type WorkflowDefinition } from "./workflow-definition";

/**
 * database-backup.yml ("Backup database to Azure storage"): pg_dump of the live server's database (or of the server
 * named in `db-server`, e.g. a PTR copy) with --clean --if-exists --no-owner, gzip, uploaded to the environment's
 * backup storage account, container `database-backup`, as `<backup-file>.sql.gz`. Also runs daily at 04:00 UTC
 * (production, name `aytq_<short>_YYYY-MM-DD`). An existing blob of that name is never overwritten: the run fails.
 * No confirm-production guard and no concurrency group in the real file.
 */

const DEFAULT_ENVIRONMENT_WHEN_SCHEDULED = "production";

function deployEnv(ctx: StepContext): string {
  return ctx.inputs.environment || DEFAULT_ENVIRONMENT_WHEN_SCHEDULED;
}

async function setEnvironmentVariables(ctx: StepContext): Promise<void> {
  const environment = environmentOf(ctx, deployEnv(ctx));
  const short = environment.configShort;
  const code = ctx.service.key;
  const requested = ctx.inputs["backup-file"] || "schedule";
  const today = todayUtc();
  const backupFile = requested === "schedule" ? `${code}_${short}_${today}` : requested === "default" ? `${code}_${short}_adhoc_${today}` : requested;
  Object.assign(ctx.env, {
    RESOURCE_GROUP_NAME: environment.resourceGroup,
    STORAGE_ACCOUNT_NAME: environment.backupStorage?.account ?? "",
    DB_SERVER: environment.postgres.server,
    BACKUP_FILE: backupFile,
    CLUSTER: environment.production ? "production" : "test",
  });
  ctx.log(`BACKUP_FILE=${backupFile}`);
}

async function backupPostgres(ctx: StepContext): Promise<void> {
  const environment = environmentOf(ctx, deployEnv(ctx));
  const server = ctx.inputs["db-server"] || environment.postgres.server;
  const app = `${ctx.service.repository.repo}-${environment.key}`;
  const blobName = `${ctx.env.BACKUP_FILE}.sql.gz`;
  const file = path.join(ctx.workDir, `${ctx.env.BACKUP_FILE}.sql.gz`);

  ctx.log(`Run ./konduit.sh ${ctx.inputs["db-server"] ? `-s ${server} ` : ""}-t 7200 -x ${app} -- pg_dump -E utf8 --clean --compress=1 --if-exists --no-owner --verbose --no-password -f ${ctx.env.BACKUP_FILE}.sql.gz`);
  const databaseUrl = await ctx.sandbox.serverDatabaseUrl(server);
  if (!databaseUrl) {
    throw new StepFailedError(`pg_dump: error: could not translate host name "${server}.postgres.database.azure.com" to address: Name or service not known`);
  }
  try {
    await dumpDatabase({ databaseUrl, file, log: ctx.log, signal: ctx.signal });
  } catch (error) {
    if (error instanceof PostgresClientError) throw new StepFailedError(error.message);
    throw error;
  }
  const { size } = await stat(file);

  const { account, container } = backupContainer({ context: ctx.sandbox, environment });
  ctx.log(`az storage azcopy blob upload --container database-backup --source ${blobName} (account ${account}, ${size} bytes)`);
  try {
    // The blob is written only if none of that name exists (the backups are never overwritten).
    await container.getBlockBlobClient(blobName).uploadFile(file, {
      conditions: { ifNoneMatch: "*" },
      blobHTTPHeaders: { blobContentType: "application/gzip" },
      metadata: { runid: ctx.env.GITHUB_RUN_ID ?? randomUUID() },
    });
  } catch (error) {
    if (error instanceof RestError && (error.statusCode === 409 || error.statusCode === 412)) {
      throw new StepFailedError(`failed to perform copy command due to error: BlobAlreadyExists: The specified blob already exists. (${account}/database-backup/${blobName})`);
    }
    throw error;
  }
  ctx.summary("BACKUP SUCCESSFUL!");
  ctx.summary(`  APP: ${app}`);
  ctx.summary(`  AT : ${londonNow()}`);
  ctx.summary(`  DB SERVER: ${ctx.inputs["db-server"] || "default for app"}`);
  ctx.summary(`  STORAGE ACCOUNT: ${account}`);
  ctx.summary(`  FILENAME: ${blobName}`);
}

async function backupSummary(ctx: StepContext): Promise<void> {
  ctx.summary("BACKUP SUCCESSFUL!");
  ctx.summary(`  ENV: ${deployEnv(ctx)}`);
  ctx.summary(`  AT : ${londonNow()}`);
  ctx.summary(`  DB SERVER: ${ctx.inputs["db-server"] || ctx.env.DB_SERVER}`);
  ctx.summary(`  STORAGE ACCOUNT: ${ctx.env.STORAGE_ACCOUNT_NAME}`);
  ctx.summary(`  FILENAME: ${ctx.env.BACKUP_FILE}.sql.gz`);
}

export const databaseBackup: WorkflowDefinition = {
  id: 61840521,
  file: "database-backup.yml",
  name: "Backup database to Azure storage",
  inputs: {
    environment: { description: "Environment to backup", type: "choice", required: true, default: "test", options: ["test", "production"] },
    "backup-file": {
      description: "Backup file name (without extension). Default is aytq_[env]_adhoc_YYYY-MM-DD. Set it explicitly when backing up a point-in-time (PTR) server. (Optional)",
      type: "string",
      required: false,
      default: "default",
    },
    "db-server": {
      description: "Name of the database server. Default is the live server. When backing up a point-in-time (PTR) server, use the full name of the PTR server. (Optional)",
      type: "string",
      required: false,
    },
  },
  jobName: () => "Backup database",
  runsJob: () => true,
  concurrencyGroup: () => null,
  scheduleUtc: "04:00",
  steps: (inputs) => [
    setUpJob,
    checkout("v4"),
    { name: "Set environment variables", run: setEnvironmentVariables },
    { name: `Backup ${inputs.environment || DEFAULT_ENVIRONMENT_WHEN_SCHEDULED} postgres`, main: true, run: backupPostgres },
    { name: "Backup Summary", run: backupSummary },
    { name: "Get Slack webhook", if: "failure", run: async (ctx) => ctx.log("Fetched secret SLACK-WEBHOOK") },
    { name: "Notify Slack channel on job failure", if: "failure", run: async (ctx) => ctx.log("Slack notification: Database backup failure") },
    completeJob,
  ],
};
