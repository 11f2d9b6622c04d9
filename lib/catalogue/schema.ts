import { z } from "zod";

/**
 * The shape of a service in the catalogue: every name the runbook's operations touch, per environment.
 * Adding a service built on the same template is a new entry in catalogue.ts, not code.
 */

export const environmentKeys = ["test", "preprod", "production"] as const;
export const environmentKeySchema = z.enum(environmentKeys);
export type EnvironmentKey = z.infer<typeof environmentKeySchema>;

const name = z.string().min(1);
const httpsUrl = z.url({ protocol: /^https?$/ });

export const deploymentSchema = z.object({
  name,
  normalReplicas: z.number().int().min(0),
});

export const workflowSchema = z.object({
  /** File name under .github/workflows, as the dispatch API wants it. */
  file: name,
  /** The name shown in GitHub's UI and in the runbook. */
  title: name,
  /** Input names, exactly as the workflow declares them. */
  inputs: z.record(z.string(), name),
});

export const environmentSchema = z.object({
  key: environmentKeySchema,
  /** What people call it (the runbook says "preproduction"). */
  label: name,
  production: z.boolean(),
  configShort: z.enum(["ts", "pp", "pd"]),
  subscription: name,
  /** Subscription id (GUID) used in Azure resource ids; the sandbox uses fixed ids. */
  subscriptionId: z.uuid(),
  resourceGroup: name,
  location: name,
  postgres: z.object({
    server: name,
    database: name,
    version: z.string(),
    /** Backups retained by Azure for point-in-time restore, in days. */
    retentionDays: z.number().int().positive(),
    /** The private network a (revived or restored) server is created in: the cluster's delegated subnet and DNS zone. */
    network: z.object({ delegatedSubnetResourceId: name, privateDnsZoneArmResourceId: name }),
  }),
  /** Backup storage account; absent where there is none (preprod). */
  backupStorage: z.object({ account: name, container: name }).nullable(),
  kubernetes: z.object({
    cluster: name,
    clusterResourceGroup: name,
    namespace: name,
    web: deploymentSchema,
    worker: deploymentSchema,
  }),
  /** Health-check URLs (the okcomputer `/health/all` page) of each service in this environment. */
  health: z.record(z.string(), httpsUrl),
  /** GitHub environment and concurrency group (`deploy_<env>`). */
  github: z.object({ environment: name, concurrencyGroup: name }),
  /** Diagnostic setting a deleted server leaves behind (typo as in the real name), or null. */
  leftoverDiagnosticSetting: name.nullable(),
});

export const serviceSchema = z.object({
  key: name,
  name,
  /** Services served by this deployment (AYTQ and CTR share one). */
  services: z.array(z.object({ key: name, name, shortName: name })).min(1),
  repository: z.object({ owner: name, repo: name, branch: name }),
  /** Required approving reviews while frozen, and the usual value to show beside what was remembered. */
  freeze: z.object({ frozenApprovals: z.number().int().min(1), usualApprovals: z.number().int().min(0) }),
  workflows: z.object({
    recoverDeleted: workflowSchema,
    restorePointInTime: workflowSchema,
    backup: workflowSchema,
    restoreFromStorage: workflowSchema,
    deploy: workflowSchema,
    maintenance: workflowSchema,
  }),
  backupNaming: z.object({
    container: name,
    /** Scheduled nightly backup name without extension: `aytq_<short>_YYYY-MM-DD`. */
    nightlyPrefix: name,
    nightlyTimeUtc: z.string().regex(/^\d{2}:\d{2}$/),
    retentionDays: z.number().int().positive(),
  }),
  environments: z.array(environmentSchema).min(1),
});

export type ServiceDefinition = z.infer<typeof serviceSchema>;
export type EnvironmentDefinition = z.infer<typeof environmentSchema>;
export type WorkflowDefinition = z.infer<typeof workflowSchema>;
