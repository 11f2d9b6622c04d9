import { randomBytes } from "node:crypto";
import { azErrorMessage, isNotFound, monitorClient, postgresClient } from "../tools/arm";
import { imageFor } from "../../kubernetes/initial-deployments";
import type { EnvironmentDefinition } from "@/lib/catalogue/schema";
import { checkout, completeJob, setUpJob } from "./common-steps";
import { clusterNetworkOf, environmentOf } from "./environment-of";
import { StepFailedError, type StepContext, type WorkflowDefinition } from "./workflow-definition";

/**
 * manual-deploy.yml ("Manual Deploy"): terraform apply of the whole environment, done here as terraform does it
 * through ARM: a missing Postgres server is created (createMode Create, an empty database); then the server's
 * diagnostic setting: on production, a setting left behind by a deleted server (`<server>-diagnotics`) cannot be
 * created over ("already exists - to be managed via Terraform this resource needs to be imported"), so the run fails
 * although the server now exists, until someone deletes the leftover and runs the deploy again. Last, the app:
 * the web and worker deployments get the image tag and the replica counts of the configuration.
 * Concurrency as the real file: `build_and_deploy_v2_<ref>` for the whole run (not the database workflows' group).
 */

const TERRAFORM_SERVER = "module.postgres.azurerm_postgresql_flexible_server.main[0]";
const TERRAFORM_DIAGNOSTICS = "module.postgres.azurerm_monitor_diagnostic_setting.main[0]";

async function deploy(ctx: StepContext): Promise<void> {
  const environment = environmentOf(ctx, ctx.inputs.environment ?? "");
  const { subscriptionId, resourceGroup } = environment;
  const server = environment.postgres.server;
  const postgres = postgresClient(ctx.sandbox, subscriptionId);
  ctx.log("terraform init && terraform apply -auto-approve");

  let serverId: string;
  try {
    serverId = (await postgres.servers.get(resourceGroup, server, { abortSignal: ctx.signal })).id ?? "";
    ctx.log(`${TERRAFORM_SERVER}: Refreshing state... [id=${serverId}]`);
  } catch (error) {
    if (!isNotFound(error)) throw new StepFailedError(`Error: retrieving Flexible Server ${server}: ${azErrorMessage(error)}`);
    // The refresh finds the server gone, and its diagnostic setting with it: both leave the state, both get created.
    if (environment.leftoverDiagnosticSetting) ctx.memory.diagnosticSettingsToCreate.add(environment.key);
    serverId = await createServer(ctx, environment);
  }

  const diagnostics = environment.leftoverDiagnosticSetting;
  if (diagnostics && ctx.memory.diagnosticSettingsToCreate.has(environment.key)) {
    ctx.log(`${TERRAFORM_DIAGNOSTICS}: Creating...`);
    const monitor = monitorClient(ctx.sandbox, subscriptionId);
    const existing: string[] = [];
    for await (const setting of monitor.diagnosticSettings.list(serverId, { abortSignal: ctx.signal })) existing.push(setting.name ?? "");
    if (existing.includes(diagnostics)) {
      throw new StepFailedError(
        `Error: A resource with the ID "${serverId}|${diagnostics}" already exists - to be managed via Terraform this resource needs to be imported into the State. Please see the resource documentation for "azurerm_monitor_diagnostic_setting" for more information.`,
      );
    }
    try {
      await monitor.diagnosticSettings.createOrUpdate(serverId, diagnostics, {
        workspaceId: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${environment.resourceGroup.replace(/-rg$/, "-log")}`,
        logs: [{ categoryGroup: "allLogs", enabled: true }],
        metrics: [{ category: "AllMetrics", enabled: true }],
      }, { abortSignal: ctx.signal });
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      throw new StepFailedError(`Error: creating Monitor Diagnostics Setting "${diagnostics}" for Resource "${serverId}": ${azErrorMessage(error)}`);
    }
    ctx.memory.diagnosticSettingsToCreate.delete(environment.key);
    ctx.log(`${TERRAFORM_DIAGNOSTICS}: Creation complete [id=${serverId}|${diagnostics}]`);
  }

  if (ctx.kubernetes) {
    const tag = ctx.inputs.image_tag ?? "";
    for (const role of ["web", "worker"] as const) {
      const deployment = environment.kubernetes[role];
      ctx.kubernetes.update({
        namespace: environment.kubernetes.namespace,
        name: deployment.name,
        change: (d) => {
          d.spec.replicas = deployment.normalReplicas;
          for (const c of d.spec.template.spec.containers) c.image = imageFor(ctx.service.repository.repo, tag);
          return d;
        },
      });
      ctx.log(`module.application_configuration.kubernetes_deployment.main["${deployment.name}"]: Modifications complete`);
    }
  }
  ctx.log("Apply complete!");
}

async function createServer(ctx: StepContext, environment: EnvironmentDefinition): Promise<string> {
  const { subscriptionId, resourceGroup } = environment;
  const server = environment.postgres.server;
  ctx.log(`${TERRAFORM_SERVER}: Creating...`);
  const network = clusterNetworkOf(environment);
  try {
    const created = await postgresClient(ctx.sandbox, subscriptionId).servers.beginCreateOrUpdateAndWait(
      resourceGroup,
      server,
      {
        location: environment.location,
        createMode: "Create",
        version: environment.postgres.version,
        administratorLogin: "psqladmin",
        administratorLoginPassword: randomBytes(18).toString("base64url"),
        sku: { name: environment.production ? "Standard_D2ds_v4" : "Standard_B1ms", tier: environment.production ? "GeneralPurpose" : "Burstable" },
        storage: { storageSizeGB: 32 },
        backup: { backupRetentionDays: environment.postgres.retentionDays, geoRedundantBackup: "Disabled" },
        network: { delegatedSubnetResourceId: network.subnetId, privateDnsZoneArmResourceId: network.privateDnsZoneId },
      },
      { abortSignal: ctx.signal, updateIntervalInMs: ctx.pollIntervalMs },
    );
    ctx.log(`${TERRAFORM_SERVER}: Creation complete [id=${created.id}]`);
    return created.id ?? "";
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw new StepFailedError(`Error: creating Flexible Server (Subscription: "${subscriptionId}" Resource Group Name: "${resourceGroup}" Flexible Server Name: "${server}"): ${azErrorMessage(error)}`);
  }
}

export const manualDeploy: WorkflowDefinition = {
  id: 48290175,
  file: "manual-deploy.yml",
  name: "Manual Deploy",
  inputs: {
    environment: { description: "Environment to deploy to", type: "choice", required: true, default: "test", options: ["test", "preprod", "production"] },
    image_tag: { description: "Image tag to deployed", type: "string", required: true },
  },
  jobName: (inputs) => `${inputs.environment} deployment`,
  runsJob: () => true,
  concurrencyGroup: () => "build_and_deploy_v2_main",
  steps: (inputs) => [
    setUpJob,
    checkout("v4", "Checkout"),
    { name: `Deploy App to ${inputs.environment}`, main: true, run: deploy },
    completeJob,
  ],
};
