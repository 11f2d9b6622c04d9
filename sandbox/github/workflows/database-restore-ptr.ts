import { azErrorMessage, isNotFound, postgresClient } from "../tools/arm";
import { checkout, completeJob, setUpJob } from "./common-steps";
import { clusterNetworkOf, environmentOf, londonNow } from "./environment-of";
import { parseRestoreTime } from "./parse-restore-time";
import { confirmedUnlessProduction, confirmProductionInput, environmentInput } from "./production-guard";
import { StepFailedError, type StepContext, type WorkflowDefinition } from "./workflow-definition";

/**
 * database-restore-ptr.yml ("Restore database from point in time to new database server"): `az postgres
 * flexible-server restore` of the live server at `restore-time` into a NEW server (`new-db-server`, default
 * `<server>-ptr`), through the ARM stand-in with the Azure SDK, waiting until the restore ends as az does. A name in
 * use fails (ARM refuses it). Summary "RESTORE SUCCESSFUL!" with source, restored server and restore point.
 */

async function setEnvironmentVariables(ctx: StepContext): Promise<void> {
  const environment = environmentOf(ctx, ctx.inputs.environment ?? "");
  const server = environment.postgres.server;
  Object.assign(ctx.env, {
    RESOURCE_GROUP_NAME: environment.resourceGroup,
    DB_SERVER: server,
    NEW_DB_SERVER: ctx.inputs["new-db-server"] || `${server}-ptr`,
  });
}

async function restorePostgres(ctx: StepContext): Promise<void> {
  const environment = environmentOf(ctx, ctx.inputs.environment ?? "");
  const restoreTime = ctx.inputs["restore-time"] ?? "";
  const pointInTime = parseRestoreTime(restoreTime);
  const { RESOURCE_GROUP_NAME: resourceGroup = "", DB_SERVER: source = "", NEW_DB_SERVER: target = "" } = ctx.env;
  const network = clusterNetworkOf(environment);
  const client = postgresClient(ctx.sandbox, environment.subscriptionId);

  ctx.log(`az postgres flexible-server restore --resource-group ${resourceGroup} --name ${target} --source-server ${source} --subnet *** --private-dns-zone *** --restore-time ${restoreTime} --output none`);
  let sourceId: string;
  try {
    const live = await client.servers.get(resourceGroup, source, { abortSignal: ctx.signal });
    sourceId = live.id ?? "";
  } catch (error) {
    if (isNotFound(error)) throw new StepFailedError(`ERROR: (ResourceNotFound) The Resource 'Microsoft.DBforPostgreSQL/flexibleServers/${source}' under resource group '${resourceGroup}' was not found.`);
    throw new StepFailedError(`ERROR: ${azErrorMessage(error)}`);
  }
  try {
    await client.servers.beginCreateOrUpdateAndWait(
      resourceGroup,
      target,
      {
        location: environment.location,
        createMode: "PointInTimeRestore",
        sourceServerResourceId: sourceId,
        pointInTimeUTC: pointInTime,
        network: { delegatedSubnetResourceId: network.subnetId, privateDnsZoneArmResourceId: network.privateDnsZoneId },
      },
      { abortSignal: ctx.signal, updateIntervalInMs: ctx.pollIntervalMs },
    );
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw new StepFailedError(`ERROR: ${azErrorMessage(error)}`);
  }
  ctx.summary("RESTORE SUCCESSFUL!");
  ctx.summary(`  AT : ${londonNow()}`);
  ctx.summary(`  SOURCE SERVER: ${source}`);
  ctx.summary(`  RESTORED SERVER: ${target}`);
  ctx.summary(`  RESTORE POINT: ${restoreTime} UTC`);
}

export const databaseRestorePtr: WorkflowDefinition = {
  id: 104857233,
  file: "database-restore-ptr.yml",
  name: "Restore database from point in time to new database server",
  inputs: {
    environment: environmentInput,
    "confirm-production": confirmProductionInput,
    "restore-time": { description: "Restore point in time in UTC. e.g. 2024-07-24T06:00:00", type: "string", required: true },
    "new-db-server": { description: "Name of the new database server. Default is <original-server-name>-ptr.", type: "string", required: false },
  },
  jobName: () => "PTR Restore AKS Database",
  runsJob: confirmedUnlessProduction,
  concurrencyGroup: (inputs) => `deploy_${inputs.environment}`,
  steps: (inputs) => [
    setUpJob,
    checkout("v6"),
    { name: "Set environment variables", run: setEnvironmentVariables },
    { name: `Restore ${inputs.environment} postgres`, main: true, run: restorePostgres },
    completeJob,
  ],
};
