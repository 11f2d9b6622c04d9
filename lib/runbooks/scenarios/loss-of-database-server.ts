import { z } from "zod";
import { DateTime } from "luxon";
import { serverResourceId } from "../../catalogue/catalogue";
import { checkReviveWindow } from "../../time/check-revive-window";
import { toWorkflowTime } from "../../time/to-workflow-time";
import { REVIVE_MAX_DAYS_SINCE_DELETION, REVIVE_MIN_MINUTES_AFTER_DELETION } from "../../time/windows";
import { ValidationError } from "../../errors";
import {
  drTestPostScenarioStep, freezePipelineStep, postDrReviewStep, startIncidentProcessStep, unfreezePipelineStep, validateAppStep,
} from "../common-steps";
import { backupFileField, liveServerField, typedTimeField } from "../inputs";
import {
  PORTAL_DIAGNOSTIC_SETTINGS_URL, kubectlCredentials, portalResourceGroupUrl, portalServerUrl, workflowInputs, workflowPageUrl,
} from "../links";
import { backupStorageExists } from "../preconditions";
import { defineStep, type ScenarioDefinition, type StepContext } from "../types";

/**
 * Scenario 1 of the runbook: the Azure Postgres flexible server and its database are lost.
 * Option 1 (revive the dropped server from Azure's backups) is tried first: it recovers close to the loss. If it
 * fails or its 5-day window has passed, option 2: recreate the server with the deploy workflow and restore the
 * nightly backup from Azure storage. Switching option needs a reason (lib/incidents/choose-branch.ts).
 */

const OPTION_1 = "option-1";
const OPTION_2 = "option-2";

const repo = (ctx: StepContext) => ({ owner: ctx.service.repository.owner, repo: ctx.service.repository.repo });
const liveServer = (ctx: StepContext) => ({
  subscriptionId: ctx.environment.subscriptionId,
  resourceGroup: ctx.environment.resourceGroup,
  server: ctx.environment.postgres.server,
});
const confirmProduction = (ctx: StepContext) => (ctx.environment.production ? "true" : "false");

const findServerDeletion = defineStep({
  id: "find-server-deletion",
  title: "Find when the server was deleted",
  runbookHeading: "Option 1: Recover from Azure backups",
  guidance: [
    "The restore point for a revive must be at least 10 minutes after the server was deleted. The console reads the deletion time from the Azure activity log (operation \"Delete PostgreSQL Server\", its submission time) and proposes deletion + 10 minutes.",
    `A dropped server can be revived within ${REVIVE_MAX_DAYS_SINCE_DELETION} days of its deletion; Microsoft do not guarantee it will work.`,
    "If the activity log cannot be read, skip this step with a reason and type the deletion time in the next step.",
  ],
  kind: "operation",
  optional: true,
  changesProduction: false,
  branch: OPTION_1,
  after: [],
  inputs: (ctx) => z.object({ server: liveServerField(ctx.environment) }),
  preconditions: [],
  operation: (ctx, input) => ({
    kind: "azure-monitor.find-server-deletion",
    subscriptionId: ctx.environment.subscriptionId,
    serverResourceId: serverResourceId(ctx.environment, input.server),
    since: DateTime.fromJSDate(ctx.now).minus({ days: REVIVE_MAX_DAYS_SINCE_DELETION + 1 }).toUTC().toISO()!,
  }),
  verifiedBy: "The activity log's own record of the deletion is the evidence.",
  fallback: (ctx) => ({
    summary: "Find the deletion in the activity log of the resource group, and note its time in UTC.",
    portal: {
      url: portalResourceGroupUrl(ctx.environment),
      path: `Resource group ${ctx.environment.resourceGroup} > Activity log > filter Operation "Delete PostgreSQL Server" (Microsoft.DBforPostgreSQL/flexibleServers/delete) > Summary > Submission timestamp`,
    },
  }),
  timeoutMinutes: 10,
});

const reviveServer = defineStep({
  id: "revive-server",
  title: "Revive the deleted server",
  runbookHeading: "Option 1: Recover from Azure backups",
  guidance: [
    "Run the Recover deleted postgres database server workflow to recreate the missing server from Azure's backups.",
    `The restore point must be at least ${REVIVE_MIN_MINUTES_AFTER_DELETION} minutes after the server was deleted and in the past, so that the backup is available. Convert UK time to UTC before using it, and note which clock you used (especially during British Summer Time): the console does the conversion and shows both.`,
    "The workflow is green as soon as Azure accepts the request: the server may still be restoring, or fail later. The console follows the server until it is Ready.",
  ],
  kind: "operation",
  optional: false,
  changesProduction: true,
  branch: OPTION_1,
  after: ["freeze-pipeline", "find-server-deletion"],
  inputs: (ctx) => {
    const found = ctx.steps["find-server-deletion"]?.outputs?.deletedAt;
    const deletedAt = typeof found === "string" ? found : undefined;
    const suggested = deletedAt ? DateTime.fromISO(deletedAt, { zone: "utc" }).plus({ minutes: REVIVE_MIN_MINUTES_AFTER_DELETION }).toISO() : undefined;
    const deletedField = typedTimeField("Deletion time");
    const pointField = typedTimeField("Restore point");
    return z
      .object({
        deletedServer: liveServerField(ctx.environment),
        deletedAt: deletedAt ? deletedField.prefault({ time: deletedAt, zone: "utc" }) : deletedField,
        restorePoint: suggested ? pointField.prefault({ time: suggested, zone: "utc" }) : pointField,
      })
      .superRefine((input, issues) => {
        try {
          checkReviveWindow({ point: new Date(input.restorePoint.utc), deletedAt: new Date(input.deletedAt.utc), now: ctx.now });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          for (const issue of error.issues) issues.addIssue({ code: "custom", path: [issue.path], message: issue.message });
        }
      });
  },
  preconditions: [],
  operation: (ctx, input) => {
    const workflow = ctx.service.workflows.recoverDeleted;
    return {
      kind: "github.dispatch-workflow",
      repository: repo(ctx),
      ref: ctx.service.repository.branch,
      workflowFile: workflow.file,
      workflowTitle: workflow.title,
      inputs: workflowInputs(workflow, {
        environment: ctx.environment.key,
        confirmProduction: confirmProduction(ctx),
        restoreTime: toWorkflowTime({ instant: input.restorePoint.utc }),
        deletedServer: input.deletedServer,
      }),
      precheck: { kind: "server-absent", server: { ...liveServer(ctx), server: input.deletedServer } },
      // The workflow is green once Azure accepts the request: follow the server itself until it is Ready.
      followServer: { ...liveServer(ctx), server: input.deletedServer },
    };
  },
  verification: (ctx, input) => ({ kind: "server-ready", server: { ...liveServer(ctx), server: input.deletedServer } }),
  verifiedBy: "The server exists again in Azure and its state is Ready.",
  fallback: (ctx, input) => {
    const workflow = ctx.service.workflows.recoverDeleted;
    return {
      summary: `Run "${workflow.title}" by hand with these inputs, then confirm this step: the console checks the server is Ready.`,
      workflow: {
        title: workflow.title,
        url: workflowPageUrl(ctx.service, workflow),
        inputs: workflowInputs(workflow, {
          environment: ctx.environment.key,
          confirmProduction: confirmProduction(ctx),
          restoreTime: input ? toWorkflowTime({ instant: input.restorePoint.utc }) : "<restore point in UTC, e.g. 2024-07-24T06:00:00>",
          deletedServer: ctx.environment.postgres.server,
        }),
      },
      portal: { url: portalServerUrl(ctx.environment), path: `Azure Database for PostgreSQL flexible servers > ${ctx.environment.postgres.server} > Overview > Status` },
    };
  },
  timeoutMinutes: 12 * 60,
});

const deleteDiagnosticSettings = defineStep({
  id: "delete-diagnostic-settings",
  title: "Delete the deleted server's leftover diagnostic settings",
  runbookHeading: "Recreate the postgres server via terraform",
  guidance: [
    "Check and delete any diagnostic settings remaining for the deleted server: the deploy that rebuilds the server fails while one remains.",
    "In production the leftover is usually named <server>-diagnotics (typo included). The console lists the settings on the server's resource id and deletes what it finds.",
  ],
  kind: "operation",
  optional: false,
  changesProduction: true,
  branch: OPTION_2,
  after: ["freeze-pipeline"],
  inputs: (ctx) => z.object({ server: liveServerField(ctx.environment) }),
  preconditions: [],
  operation: (ctx, input) => ({ kind: "azure-monitor.delete-diagnostic-settings", resourceId: serverResourceId(ctx.environment, input.server) }),
  verification: (ctx, input) => ({ kind: "diagnostic-settings-absent", resourceId: serverResourceId(ctx.environment, input.server) }),
  verifiedBy: "No diagnostic setting is left on the server's resource id.",
  fallback: (ctx) => ({
    summary: "Find and delete the diagnostic settings of the deleted server in the portal.",
    portal: {
      url: PORTAL_DIAGNOSTIC_SETTINGS_URL,
      path: `Monitor > Diagnostic settings > subscription ${ctx.environment.subscription}, resource group ${ctx.environment.resourceGroup} > ${ctx.environment.postgres.server}${ctx.environment.leftoverDiagnosticSetting ? ` > ${ctx.environment.leftoverDiagnosticSetting}` : ""} > Delete`,
    },
  }),
  timeoutMinutes: 15,
});

const recreateServer = defineStep({
  id: "recreate-server",
  title: "Recreate the server with the deploy workflow",
  runbookHeading: "Recreate the postgres server via terraform",
  guidance: [
    "Run the deploy workflow to recreate the missing server with terraform. This creates an empty database for the data to be restored into in the next steps.",
    "Use the image tag of the app currently deployed (the git SHA shown by the version check of /health/all, or the deployments' image).",
  ],
  kind: "operation",
  optional: false,
  changesProduction: true,
  branch: OPTION_2,
  after: ["delete-diagnostic-settings"],
  inputs: () => z.object({
    imageTag: z.string({ error: "The image tag (git SHA) to deploy." }).trim().regex(/^[A-Za-z0-9._-]{1,128}$/, "An image tag: letters, digits, dots, hyphens and underscores."),
  }),
  preconditions: [],
  operation: (ctx, input) => {
    const workflow = ctx.service.workflows.deploy;
    return {
      kind: "github.dispatch-workflow",
      repository: repo(ctx),
      ref: ctx.service.repository.branch,
      workflowFile: workflow.file,
      workflowTitle: workflow.title,
      inputs: workflowInputs(workflow, { environment: ctx.environment.key, imageTag: input.imageTag }),
    };
  },
  verification: (ctx) => ({ kind: "server-ready", server: liveServer(ctx) }),
  verifiedBy: "The run succeeded and the server exists in Azure in state Ready.",
  fallback: (ctx, input) => {
    const workflow = ctx.service.workflows.deploy;
    return {
      summary: `Run "${workflow.title}" by hand, then confirm this step: the console checks the server is Ready.`,
      workflow: {
        title: workflow.title,
        url: workflowPageUrl(ctx.service, workflow),
        inputs: workflowInputs(workflow, { environment: ctx.environment.key, imageTag: input?.imageTag ?? "<image tag>" }),
      },
    };
  },
  timeoutMinutes: 3 * 60,
});

const findLatestBackup = defineStep({
  id: "find-latest-backup",
  title: "Choose the backup to restore",
  runbookHeading: "Restore the data from previous backup in Azure storage",
  guidance: [
    "The restore uses the most recent backup taken by the scheduled workflow (nightly at 04:00 UTC), so data written since then is lost. The console lists the backups with their age: the age is the data option 2 would lose.",
    "Backups are kept 7 days.",
  ],
  kind: "operation",
  optional: true,
  changesProduction: false,
  branch: OPTION_2,
  after: [],
  inputs: () => z.object({}),
  preconditions: [backupStorageExists],
  operation: (ctx) => ({
    kind: "backup-storage.find-latest-backup",
    account: ctx.environment.backupStorage?.account ?? "",
    container: ctx.environment.backupStorage?.container ?? "",
  }),
  verifiedBy: "The storage account's own listing is the evidence.",
  fallback: (ctx) => ({
    summary: "List the backups in the storage account and pick the newest.",
    commands: ctx.environment.backupStorage
      ? [`az storage blob list --auth-mode login --account-name ${ctx.environment.backupStorage.account} --container-name ${ctx.environment.backupStorage.container} --query "[].{name:name, created:properties.creationTime}" -o table`]
      : [],
  }),
  timeoutMinutes: 10,
});

const restoreFromStorage = defineStep({
  id: "restore-from-storage",
  title: "Restore the backup from Azure storage",
  runbookHeading: "Restore the data from previous backup in Azure storage",
  guidance: [
    "Run the Restore database from Azure storage workflow. It restores the chosen backup into the recreated server, so data written since that backup is lost.",
    "This step is not needed if option 1 (revive) worked.",
  ],
  kind: "operation",
  optional: false,
  changesProduction: true,
  branch: OPTION_2,
  after: ["recreate-server", "find-latest-backup"],
  inputs: (ctx) => {
    const newest = ctx.steps["find-latest-backup"]?.outputs?.newest as { name?: string } | undefined;
    return z.object({ backupFile: backupFileField(newest?.name) });
  },
  preconditions: [backupStorageExists],
  operation: (ctx, input) => {
    const workflow = ctx.service.workflows.restoreFromStorage;
    return {
      kind: "github.dispatch-workflow",
      repository: repo(ctx),
      ref: ctx.service.repository.branch,
      workflowFile: workflow.file,
      workflowTitle: workflow.title,
      inputs: workflowInputs(workflow, { environment: ctx.environment.key, confirmProduction: confirmProduction(ctx), backupFile: input.backupFile }),
      precheck: { kind: "backup-exists", account: ctx.environment.backupStorage!.account, container: ctx.environment.backupStorage!.container, name: input.backupFile },
    };
  },
  verification: (ctx) => ({ kind: "server-ready", server: liveServer(ctx) }),
  verifiedBy: "The run succeeded (RESTORE SUCCESSFUL!) and the server is Ready; the app's checks follow in Validate app.",
  fallback: (ctx, input) => {
    const workflow = ctx.service.workflows.restoreFromStorage;
    return {
      summary: `Run "${workflow.title}" by hand, then confirm this step.`,
      workflow: {
        title: workflow.title,
        url: workflowPageUrl(ctx.service, workflow),
        inputs: workflowInputs(workflow, { environment: ctx.environment.key, confirmProduction: confirmProduction(ctx), backupFile: input?.backupFile ?? "<backup name>.sql.gz" }),
      },
    };
  },
  timeoutMinutes: 3 * 60,
});

const restartApplications = defineStep({
  id: "restart-applications",
  title: "Restart the applications",
  runbookHeading: "Recreate the lost postgres database server",
  guidance: [
    "Restart the web and worker deployments so that they reconnect to the recovered server (kubectl rollout restart).",
    "The runbook's Scenario 1 lists no restart; the pods of an app whose server vanished hold broken connections, so the console restarts them before validating.",
  ],
  kind: "operation",
  optional: false,
  changesProduction: true,
  after: ["revive-server", "restore-from-storage"],
  inputs: () => z.object({}),
  preconditions: [],
  operation: (ctx) => ({
    kind: "kubernetes.restart",
    deployments: [ctx.environment.kubernetes.web, ctx.environment.kubernetes.worker].map((d) => ({ namespace: ctx.environment.kubernetes.namespace, name: d.name })),
  }),
  verification: (ctx) => ({
    kind: "deployments-rolled-out",
    deployments: [ctx.environment.kubernetes.web, ctx.environment.kubernetes.worker].map((d) => ({ namespace: ctx.environment.kubernetes.namespace, name: d.name })),
  }),
  verifiedBy: "Every replica of both deployments is updated and ready.",
  fallback: (ctx) => ({
    summary: "Restart both deployments with kubectl.",
    commands: [
      ...kubectlCredentials(ctx.environment),
      `kubectl -n ${ctx.environment.kubernetes.namespace} rollout restart deployment ${ctx.environment.kubernetes.web.name} ${ctx.environment.kubernetes.worker.name}`,
      `kubectl -n ${ctx.environment.kubernetes.namespace} rollout status deployment ${ctx.environment.kubernetes.web.name}`,
    ],
  }),
  timeoutMinutes: 20,
});

export const lossOfDatabaseServer: ScenarioDefinition = {
  id: "loss-of-database-server",
  title: "Scenario 1: Loss of database server",
  summary: "The Azure Postgres flexible server and the database it contains have been completely lost.",
  whenToUse: "The server itself is gone (deleted or unrecoverable). If the server is there but data is lost or corrupted, use Scenario 2.",
  runbookSection: "Scenario 1: Loss of database server",
  branches: [
    {
      id: OPTION_1,
      title: "Option 1: Recover from Azure backups",
      guidance: `Attempt first: revives the dropped server close to the point of loss. Possible within ${REVIVE_MAX_DAYS_SINCE_DELETION} days of the deletion; not guaranteed by Microsoft.`,
      initial: true,
    },
    {
      id: OPTION_2,
      title: "Option 2: Recreate via terraform and restore from scheduled offline backup",
      guidance: "If option 1 fails or is out of its window: recreate the server with the deploy workflow and restore the nightly backup (data since that backup is lost).",
      initial: false,
    },
  ],
  steps: [
    startIncidentProcessStep([]),
    freezePipelineStep([]),
    findServerDeletion,
    reviveServer,
    deleteDiagnosticSettings,
    recreateServer,
    findLatestBackup,
    restoreFromStorage,
    restartApplications,
    validateAppStep(["restart-applications"]),
    unfreezePipelineStep(["validate-app"]),
    drTestPostScenarioStep(["validate-app"]),
    postDrReviewStep(["unfreeze-pipeline", "start-incident-process"]),
  ],
};

