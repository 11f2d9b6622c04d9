import type { EnvironmentDefinition } from "@/lib/catalogue/schema";
import { StepFailedError, type StepContext } from "./workflow-definition";

/**
 * `source global_config/${environment}.sh`: the catalogue environment a run's `environment` input names. An
 * environment the repository has no config for fails the step as the shell does (the restore workflows' input
 * default, "development", is one).
 */
export function environmentOf(ctx: Pick<StepContext, "service">, key: string): EnvironmentDefinition {
  const environment = ctx.service.environments.find((e) => e.key === key);
  if (!environment) throw new StepFailedError(`global_config/${key}.sh: No such file or directory`);
  return environment;
}

/** The `cluster` value of the environment's tfvars (test and preprod share the test cluster). */
export function clusterKeyOf(environment: EnvironmentDefinition): "test" | "production" {
  return environment.production ? "production" : "test";
}

/** What the composite actions' "Set up cluster environment variables" and "Get vnet id" steps find. */
export function clusterNetworkOf(environment: EnvironmentDefinition) {
  const prefix = environment.production ? "s189p01" : "s189t01";
  const cluster = clusterKeyOf(environment);
  return {
    subnetId: `/subscriptions/${environment.subscriptionId}/resourceGroups/${environment.kubernetes.clusterResourceGroup}/providers/Microsoft.Network/virtualNetworks/${prefix}-tsc-${cluster}-vnet/subnets/postgres-snet`,
    privateDnsZoneId: `/subscriptions/${environment.subscriptionId}/resourceGroups/${prefix}-tsc-${cluster}-bs-rg/providers/Microsoft.Network/privateDnsZones/${cluster}.internal.postgres.database.azure.com`,
  };
}

/** Today's date (UTC) as `date +"%F"` prints it on a runner (UTC). */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** `TZ=Europe/London date +"%F %R"`, as the summaries print the time. */
export function londonNow(): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}
