import { azErrorMessage, curl, CurlError, postgresClient } from "../tools/arm";
import { checkout, completeJob, setUpJob } from "./common-steps";
import { clusterNetworkOf, environmentOf } from "./environment-of";
import { confirmedUnlessProduction, confirmProductionInput, environmentInput } from "./production-guard";
import { StepFailedError, type StepContext, type WorkflowDefinition } from "./workflow-definition";

/**
 * postgres-recover-deleted-db.yml ("Recover deleted postgres database server"), through the
 * restore-deleted-postgres action: fails when `az postgres flexible-server show` finds the server; otherwise sends
 * the ARM PUT with createMode ReviveDropped, api-version 2024-08-01, location uksouth and the network settings with
 * curl, and ends. It does not wait, and curl without --fail succeeds whatever ARM answers (a 400 too): green means
 * "request sent", never "server restored".
 */

const API_VERSION = "2024-08-01";
const REGION = "uksouth";

async function setEnvironmentVariables(ctx: StepContext): Promise<void> {
  const environment = environmentOf(ctx, ctx.inputs.environment ?? "");
  Object.assign(ctx.env, {
    RESOURCE_GROUP_NAME: environment.resourceGroup,
    DELETED_DB_SERVER: ctx.inputs["deleted-server"] ?? "",
  });
}

async function recoverDeletedPostgres(ctx: StepContext): Promise<void> {
  const environment = environmentOf(ctx, ctx.inputs.environment ?? "");
  const resourceGroup = ctx.env.RESOURCE_GROUP_NAME ?? "";
  const server = ctx.env.DELETED_DB_SERVER ?? "";
  const restoreTime = ctx.inputs["restore-time"] ?? "";
  const subscriptionId = environment.subscriptionId;
  const network = clusterNetworkOf(environment);

  ctx.log("Check if deleted postgres database exists in Azure");
  // `if az postgres flexible-server show ... 2>/dev/null`: any failure (not found, or an error) reads as "absent".
  const exists = await postgresClient(ctx.sandbox, subscriptionId)
    .servers.get(resourceGroup, server, { abortSignal: ctx.signal })
    .then(() => true)
    .catch((error: unknown) => {
      if (ctx.signal.aborted) throw error;
      return false;
    });
  if (exists) {
    ctx.log(`Postgres server '${server}' already exists. Exiting...`);
    throw new StepFailedError("Process completed with exit code 1.");
  }
  ctx.log(`Postgres server '${server}' does not exist. This will be restored from Azure`);

  ctx.log(`AZURE_SUBSCRIPTION_ID=${subscriptionId}`);
  ctx.log(`AZURE_RESOURCE_GROUP=${resourceGroup}`);
  ctx.log(`API_VERSION=${API_VERSION}`);
  try {
    const answer = await curl({
      context: ctx.sandbox,
      method: "PUT",
      path: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${server}?api-version=${API_VERSION}`,
      body: {
        location: REGION,
        properties: {
          createMode: "ReviveDropped",
          sourceServerResourceId: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${server}`,
          pointInTimeUTC: restoreTime,
          Network: { DelegatedSubnetResourceId: network.subnetId, PrivateDnsZoneArmResourceId: network.privateDnsZoneId },
        },
      },
      signal: ctx.signal,
    });
    ctx.log(answer.body);
  } catch (error) {
    if (error instanceof CurlError) {
      ctx.log(error.message);
      throw new StepFailedError(`Process completed with exit code ${error.exitCode}.`);
    }
    if (ctx.signal.aborted) throw error;
    throw new StepFailedError(azErrorMessage(error));
  }
}

export const postgresRecoverDeletedDb: WorkflowDefinition = {
  id: 104857234,
  file: "postgres-recover-deleted-db.yml",
  name: "Recover deleted postgres database server",
  inputs: {
    environment: { ...environmentInput, default: "test" },
    "confirm-production": confirmProductionInput,
    "restore-time": {
      description: "Restore point in time in UTC. e.g. 2024-07-24T06:00:00. This is required and should be at least 10 minutes after the server was deleted.",
      type: "string",
      required: true,
    },
    "deleted-server": { description: "This should be the name of the deleted postgres server. ex. s189t01-aytq-ts-pg", type: "string", required: true },
  },
  jobName: () => "Recover Deleted Postgres",
  runsJob: confirmedUnlessProduction,
  concurrencyGroup: (inputs) => `deploy_${inputs.environment}`,
  steps: (inputs) => [
    setUpJob,
    checkout("v6"),
    { name: "Set environment variables", run: setEnvironmentVariables },
    { name: `Recover deleted postgres for ${inputs.environment} environment`, main: true, run: recoverDeletedPostgres },
    completeJob,
  ],
};
