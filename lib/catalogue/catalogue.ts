import { NotFoundError } from "../errors";
import { serviceSchema, type EnvironmentDefinition, type EnvironmentKey, type ServiceDefinition } from "./schema";

/**
 * The service catalogue, from ../shared/reference/aytq-dr-facts.md. Names are derived from the
 * teacher-services template (prefix, short code) exactly as the real infrastructure derives them.
 */

interface TemplateEnvironment {
  key: EnvironmentKey;
  label: string;
  prefix: "s189t01" | "s189p01";
  short: "ts" | "pp" | "pd";
  subscription: string;
  subscriptionId: string;
  hasBackupStorage: boolean;
  cluster: string;
  /** The cluster key of the environment's tfvars (test and preprod share the test cluster). */
  clusterKey: "test" | "production";
  clusterResourceGroup: string;
  namespace: string;
  webReplicas: number;
  workerReplicas: number;
  hostPrefix: string;
}

function teacherServicesEnvironment(app: { code: string; deploymentPrefix: string; hosts: Record<string, string> }, t: TemplateEnvironment): EnvironmentDefinition {
  const deployment = `${app.deploymentPrefix}-${t.key}`;
  return {
    key: t.key,
    label: t.label,
    production: t.key === "production",
    configShort: t.short,
    subscription: t.subscription,
    subscriptionId: t.subscriptionId,
    resourceGroup: `${t.prefix}-${app.code}-${t.short}-rg`,
    location: "uksouth",
    postgres: {
      server: `${t.prefix}-${app.code}-${t.short}-pg`,
      database: `${app.code}_${t.key}`,
      version: "16",
      retentionDays: 7,
      // As the restore workflows' "Get vnet id" step finds them: the cluster's vnet subnet and its private DNS zone.
      network: {
        delegatedSubnetResourceId: `/subscriptions/${t.subscriptionId}/resourceGroups/${t.clusterResourceGroup}/providers/Microsoft.Network/virtualNetworks/${t.prefix}-tsc-${t.clusterKey}-vnet/subnets/postgres-snet`,
        privateDnsZoneArmResourceId: `/subscriptions/${t.subscriptionId}/resourceGroups/${t.prefix}-tsc-${t.clusterKey}-bs-rg/providers/Microsoft.Network/privateDnsZones/${t.clusterKey}.internal.postgres.database.azure.com`,
      },
    },
    backupStorage: t.hasBackupStorage ? { account: `${t.prefix}${app.code}dbbkp${t.short}sa`, container: "database-backup" } : null,
    kubernetes: {
      cluster: t.cluster,
      clusterResourceGroup: t.clusterResourceGroup,
      namespace: t.namespace,
      web: { name: deployment, normalReplicas: t.webReplicas },
      worker: { name: `${deployment}-worker`, normalReplicas: t.workerReplicas },
    },
    health: Object.fromEntries(Object.entries(app.hosts).map(([service, host]) => [service, `https://${t.hostPrefix}${host}/health/all`])),
    github: { environment: t.key, concurrencyGroup: `deploy_${t.key}` },
    leftoverDiagnosticSetting: t.key === "production" ? `${t.prefix}-${app.code}-${t.short}-pg-diagnotics` : null,
  };
}

const TEST_SUBSCRIPTION_ID = "5c2f0a7e-1b8d-4a3e-9f6c-3d2b1a0e9f01";
const PRODUCTION_SUBSCRIPTION_ID = "9e4d7c1b-6a2f-4b8e-8d3c-5f1a2b3c4d02";

const aytqApp = {
  code: "aytq",
  deploymentPrefix: "access-your-teaching-qualifications",
  hosts: {
    aytq: "access-your-teaching-qualifications.education.gov.uk",
    ctr: "check-a-teachers-record.education.gov.uk",
  },
};

const aytq: ServiceDefinition = {
  key: "aytq",
  name: "Access your teaching qualifications and Check a teacher's record",
  services: [
    { key: "aytq", name: "Access your teaching qualifications", shortName: "AYTQ" },
    { key: "ctr", name: "Check a teacher's record", shortName: "CTR" },
  ],
  repository: { owner: "DFE-Digital", repo: "access-your-teaching-qualifications", branch: "main" },
  freeze: { frozenApprovals: 6, usualApprovals: 1 },
  workflows: {
    recoverDeleted: {
      file: "postgres-recover-deleted-db.yml",
      title: "Recover deleted postgres database server",
      inputs: { environment: "environment", confirmProduction: "confirm-production", restoreTime: "restore-time", deletedServer: "deleted-server" },
    },
    restorePointInTime: {
      file: "database-restore-ptr.yml",
      title: "Restore database from point in time to new database server",
      inputs: { environment: "environment", confirmProduction: "confirm-production", restoreTime: "restore-time", newServer: "new-db-server" },
    },
    backup: {
      file: "database-backup.yml",
      title: "Backup database to Azure storage",
      inputs: { environment: "environment", backupFile: "backup-file", server: "db-server" },
    },
    restoreFromStorage: {
      file: "database-restore.yml",
      title: "Restore database from Azure storage",
      inputs: { environment: "environment", confirmProduction: "confirm-production", backupFile: "backup-file" },
    },
    deploy: { file: "manual-deploy.yml", title: "Manual Deploy", inputs: { environment: "environment", imageTag: "image_tag" } },
    maintenance: { file: "maintenance.yml", title: "Set maintenance mode", inputs: { environment: "environment", mode: "mode" } },
  },
  backupNaming: { container: "database-backup", nightlyPrefix: "aytq", nightlyTimeUtc: "04:00", retentionDays: 7 },
  environments: [
    teacherServicesEnvironment(aytqApp, {
      key: "test", label: "test", prefix: "s189t01", short: "ts", subscription: "s189-teacher-services-cloud-test",
      subscriptionId: TEST_SUBSCRIPTION_ID, hasBackupStorage: true, cluster: "s189t01-tsc-test-aks", clusterKey: "test",
      clusterResourceGroup: "s189t01-tsc-ts-rg", namespace: "tra-test", webReplicas: 1, workerReplicas: 1, hostPrefix: "test.",
    }),
    teacherServicesEnvironment(aytqApp, {
      key: "preprod", label: "preproduction", prefix: "s189t01", short: "pp", subscription: "s189-teacher-services-cloud-test",
      subscriptionId: TEST_SUBSCRIPTION_ID, hasBackupStorage: false, cluster: "s189t01-tsc-test-aks", clusterKey: "test",
      clusterResourceGroup: "s189t01-tsc-ts-rg", namespace: "tra-test", webReplicas: 1, workerReplicas: 1, hostPrefix: "preprod.",
    }),
    teacherServicesEnvironment(aytqApp, {
      key: "production", label: "production", prefix: "s189p01", short: "pd", subscription: "s189-teacher-services-cloud-production",
      subscriptionId: PRODUCTION_SUBSCRIPTION_ID, hasBackupStorage: true, cluster: "s189p01-tsc-production-aks", clusterKey: "production",
      clusterResourceGroup: "s189p01-tsc-pd-rg", namespace: "tra-production", webReplicas: 2, workerReplicas: 1, hostPrefix: "",
    }),
  ],
};

/** Every service the console knows, validated when this module loads (a bad entry fails at start). */
export const catalogue: readonly ServiceDefinition[] = [serviceSchema.parse(aytq)];

/** An unknown service or environment key: "not found" to the API (lib/errors maps it to 404). */
export class UnknownServiceError extends NotFoundError {
  constructor(what: string) {
    super(what);
    this.name = "UnknownServiceError";
  }
}

export function getService(key: string): ServiceDefinition {
  const service = catalogue.find((s) => s.key === key);
  if (!service) throw new UnknownServiceError(`There is no service "${key}" in the catalogue.`);
  return service;
}

export function getEnvironment(serviceKey: string, environmentKey: string): EnvironmentDefinition {
  const environment = getService(serviceKey).environments.find((e) => e.key === environmentKey);
  if (!environment) throw new UnknownServiceError(`Service "${serviceKey}" has no environment "${environmentKey}".`);
  return environment;
}

/** The Azure resource id of a flexible server in an environment. */
export function serverResourceId(environment: EnvironmentDefinition, serverName = environment.postgres.server): string {
  return `/subscriptions/${environment.subscriptionId}/resourceGroups/${environment.resourceGroup}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${serverName}`;
}
