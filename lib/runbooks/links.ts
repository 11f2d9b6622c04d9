import type { EnvironmentDefinition, ServiceDefinition, WorkflowDefinition } from "../catalogue/schema";
import { serverResourceId } from "../catalogue/catalogue";

/** Pages and commands people use when doing a step by hand, with this environment's names filled in. */

export function workflowPageUrl(service: ServiceDefinition, workflow: WorkflowDefinition): string {
  return `https://github.com/${service.repository.owner}/${service.repository.repo}/actions/workflows/${workflow.file}`;
}

export function branchProtectionUrl(service: ServiceDefinition): string {
  return `https://github.com/${service.repository.owner}/${service.repository.repo}/settings/branches`;
}

export function portalResourceUrl(resourceId: string): string {
  return `https://portal.azure.com/#@/resource${resourceId}/overview`;
}

export function portalServerUrl(environment: EnvironmentDefinition, server = environment.postgres.server): string {
  return portalResourceUrl(serverResourceId(environment, server));
}

export function portalResourceGroupUrl(environment: EnvironmentDefinition): string {
  return portalResourceUrl(`/subscriptions/${environment.subscriptionId}/resourceGroups/${environment.resourceGroup}`);
}

/** The runbook's link to the diagnostic settings blade. */
export const PORTAL_DIAGNOSTIC_SETTINGS_URL = "https://portal.azure.com/#view/Microsoft_Azure_Monitoring/AzureMonitoringBrowseBlade/~/diagnosticsLogs";

/** Sign in to the environment's AKS cluster before any kubectl command. */
export function kubectlCredentials(environment: EnvironmentDefinition): string[] {
  return [
    `az account set --subscription ${environment.subscription}`,
    `az aks get-credentials --resource-group ${environment.kubernetes.clusterResourceGroup} --name ${environment.kubernetes.cluster}`,
  ];
}

export function kubectlScale(environment: EnvironmentDefinition, deployment: string, replicas: number): string {
  return `kubectl -n ${environment.kubernetes.namespace} scale deployment ${deployment} --replicas ${replicas}`;
}

export function kubectlGetDeployments(environment: EnvironmentDefinition): string {
  return `kubectl -n ${environment.kubernetes.namespace} get deployments`;
}

/** Inputs as the workflow page shows them: input name -> value (empty values left out: the workflow's default applies). */
export function workflowInputs(workflow: WorkflowDefinition, values: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    const name = workflow.inputs[key];
    if (!name) throw new Error(`Workflow ${workflow.file} has no input "${key}" in the catalogue.`);
    if (value !== undefined && value !== "") out[name] = value;
  }
  return out;
}
