import { z } from "zod";
import { DateTime } from "luxon";
import { serverResourceId } from "../../catalogue/catalogue";
import { ValidationError } from "../../errors";
import { checkPointInTimeRestoreWindow } from "../../time/check-point-in-time-restore-window";
import { toWorkflowTime } from "../../time/to-workflow-time";
import {
  drTestPostScenarioStep, freezePipelineStep, postDrReviewStep, startIncidentProcessStep, unfreezePipelineStep, validateAppStep,
} from "../common-steps";
import { backupFileField, backupNameField, copyServerField, replicasField, typedTimeField } from "../inputs";
import {
  kubectlCredentials, kubectlGetDeployments, kubectlScale, portalResourceGroupUrl, portalServerUrl, workflowInputs, workflowPageUrl,
} from "../links";
import { backupStorageExists } from "../preconditions";
import { defineStep, type ScenarioDefinition, type StepContext } from "../types";

/**
 * Scenario 2 of the runbook: data lost or corrupted on a live server. Stop the service, restore a point-in-time
 * copy to a NEW server (the live one is untouched), check it, back it up to storage, restore that backup into the
 * live server, restart, validate, tidy up the copy.
 */

const repo = (ctx: StepContext) => ({ owner: ctx.service.repository.owner, repo: ctx.service.repository.repo });
const serverRef = (ctx: StepContext, server = ctx.environment.postgres.server) => ({
  subscriptionId: ctx.environment.subscriptionId,
  resourceGroup: ctx.environment.resourceGroup,
  server,
});
const confirmProduction = (ctx: StepContext) => (ctx.environment.production ? "true" : "false");
const deployments = (ctx: StepContext) => [ctx.environment.kubernetes.web, ctx.environment.kubernetes.worker];
const stamp = (ctx: StepContext) => DateTime.fromJSDate(ctx.now, { zone: "utc" }).toFormat("yyyy-MM-dd'T'HHmm");
/** The restore point (UTC) of the latest point-in-time restore of this incident. */
const restorePointOf = (ctx: StepContext): string | undefined => {
  const point = ctx.steps["restore-point-in-time"]?.inputs?.restorePoint as { utc?: unknown } | undefined;
  return typeof point?.utc === "string" ? point.utc : undefined;
};
/** The PTR copy this incident made (inputs of the latest PTR attempt). */
const ptrServer = (ctx: StepContext) => {
  const name = ctx.steps["restore-point-in-time"]?.inputs?.newServer;
  return typeof name === "string" ? name : undefined;
};

const stopService = defineStep({
  id: "stop-service",
  title: "Stop the service",
  runbookHeading: "Stop the service as soon as possible",
  guidance: [
    "If the service is available, even degraded, users may make edits that corrupt the data further, or see data they should not. Stop the web app and workers as soon as possible.",
    "The console scales both deployments to 0 and records how many replicas each had, so that the restart puts back what was running.",
  ],
  kind: "operation",
  optional: false,
  changesProduction: true,
  after: [],
  inputs: () => z.object({}),
  preconditions: [],
  operation: (ctx) => ({
    kind: "kubernetes.scale",
    deployments: deployments(ctx).map((d) => ({ namespace: ctx.environment.kubernetes.namespace, name: d.name, replicas: 0 })),
  }),
  verification: (ctx) => ({
    kind: "deployments-scaled",
    deployments: deployments(ctx).map((d) => ({ namespace: ctx.environment.kubernetes.namespace, name: d.name, replicas: 0 })),
  }),
  verifiedBy: "Both deployments have 0 replicas and no pod running.",
  fallback: (ctx) => ({
    summary: "Scale both deployments to 0 with kubectl (note the replicas they had first).",
    commands: [
      ...kubectlCredentials(ctx.environment),
      kubectlGetDeployments(ctx.environment),
      ...deployments(ctx).map((d) => kubectlScale(ctx.environment, d.name, 0)),
    ],
  }),
  timeoutMinutes: 15,
});

const backupFlawedDatabase = defineStep({
  id: "backup-flawed-database",
  title: "Back up the flawed database",
  runbookHeading: "Back up the database (optional)",
  guidance: [
    "Optional. If users have entered data or signed up since the corruption, keep that data for reconciliation: back up the current state before restoring.",
    "This backup can be used to extract data entered since the corruption, and to compare with the restored data to understand what was lost. Use a specific name to identify it later.",
  ],
  kind: "operation",
  optional: true,
  changesProduction: false,
  after: ["stop-service", "freeze-pipeline"],
  inputs: (ctx) => z.object({ backupFile: backupNameField(`aytq_${ctx.environment.configShort}_flawed_${stamp(ctx)}`) }),
  preconditions: [backupStorageExists],
  operation: (ctx, input) => {
    const workflow = ctx.service.workflows.backup;
    const storage = ctx.environment.backupStorage!;
    return {
      kind: "github.dispatch-workflow",
      repository: repo(ctx),
      ref: ctx.service.repository.branch,
      workflowFile: workflow.file,
      workflowTitle: workflow.title,
      inputs: workflowInputs(workflow, { environment: ctx.environment.key, backupFile: input.backupFile }),
      precheck: { kind: "backup-absent", account: storage.account, container: storage.container, name: `${input.backupFile}.sql.gz` },
    };
  },
  verification: (ctx, input) => ({
    kind: "backup-exists", account: ctx.environment.backupStorage!.account, container: ctx.environment.backupStorage!.container, name: `${input.backupFile}.sql.gz`,
  }),
  verifiedBy: "The blob <name>.sql.gz exists in the backup container.",
  fallback: (ctx, input) => {
    const workflow = ctx.service.workflows.backup;
    return {
      summary: `Run "${workflow.title}" by hand with these inputs, then confirm this step: the console checks the blob exists.`,
      workflow: {
        title: workflow.title,
        url: workflowPageUrl(ctx.service, workflow),
        inputs: workflowInputs(workflow, { environment: ctx.environment.key, backupFile: input?.backupFile ?? `aytq_${ctx.environment.configShort}_flawed_<date>` }),
      },
    };
  },
  timeoutMinutes: 2 * 60,
});

const restorePointInTime = defineStep({
  id: "restore-point-in-time",
  title: "Restore to a new server from a point in time",
  runbookHeading: "Restore postgres database",
  guidance: [
    "Restore the database to a NEW server with point-in-time restore (PTR), at a time before the data was lost. The live server is not affected, and the copy can be checked before anything is copied back.",
    "PTR has 1-second resolution, from 5 minutes ago back to 7 days. Convert UK time to UTC before using it and note which clock you used (especially during British Summer Time): the console converts and shows both.",
    "Rerunning with a name already in use fails: the console checks the name is free before sending; to rerun, give a new name.",
  ],
  kind: "operation",
  optional: false,
  changesProduction: true,
  rerunnable: true,
  after: ["freeze-pipeline", "stop-service"],
  inputs: (ctx) =>
    z
      .object({
        restorePoint: typedTimeField("Restore point"),
        newServer: copyServerField(ctx.environment, `${ctx.environment.postgres.server}-ptr`),
      })
      .superRefine((input, issues) => {
        try {
          checkPointInTimeRestoreWindow({ point: new Date(input.restorePoint.utc), now: ctx.now, retentionDays: ctx.environment.postgres.retentionDays });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          for (const issue of error.issues) issues.addIssue({ code: "custom", path: [issue.path], message: issue.message });
        }
      }),
  preconditions: [],
  operation: (ctx, input) => {
    const workflow = ctx.service.workflows.restorePointInTime;
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
        newServer: input.newServer,
      }),
      precheck: { kind: "server-absent", server: serverRef(ctx, input.newServer) },
    };
  },
  verification: (ctx, input) => ({ kind: "server-ready", server: serverRef(ctx, input.newServer) }),
  verifiedBy: "The new server exists in Azure in state Ready.",
  fallback: (ctx, input) => {
    const workflow = ctx.service.workflows.restorePointInTime;
    return {
      summary: `Run "${workflow.title}" by hand with these inputs, then confirm this step: the console checks the new server is Ready.`,
      workflow: {
        title: workflow.title,
        url: workflowPageUrl(ctx.service, workflow),
        inputs: workflowInputs(workflow, {
          environment: ctx.environment.key,
          confirmProduction: confirmProduction(ctx),
          restoreTime: input ? toWorkflowTime({ instant: input.restorePoint.utc }) : "<restore point in UTC, e.g. 2024-07-24T06:00:00>",
          newServer: input?.newServer ?? `${ctx.environment.postgres.server}-ptr`,
        }),
      },
    };
  },
  timeoutMinutes: 12 * 60,
});

const konduit = (ctx: StepContext, server?: string) =>
  `bin/konduit.sh -x -n ${ctx.environment.kubernetes.namespace}${server ? ` -s ${server}` : ""} ${ctx.environment.kubernetes.web.name} -- psql`;

const validateData = defineStep({
  id: "validate-data",
  title: "Validate the restored data",
  runbookHeading: "Validate data",
  guidance: [
    "Connect to the PTR copy with konduit and compare it with the live server: check the restore worked and the right point in time was chosen.",
    "If the point was wrong, run the restore step again with another time and a new server name, then come back here.",
    "Record what you compared and decide: restore the live server from this copy.",
  ],
  kind: "decision",
  optional: false,
  changesProduction: false,
  after: ["restore-point-in-time"],
  inputs: () =>
    z.object({
      decision: z.enum(["restore-from-this-copy"], { error: 'The decision: "restore-from-this-copy" (or rerun the restore step first).' }).default("restore-from-this-copy"),
      findings: z.string({ error: "Say what you compared and found." }).trim().min(3, "Say what you compared and found.").max(4000),
    }),
  preconditions: [],
  fallback: (ctx) => ({
    summary: "In a clone of the repository, with konduit.sh installed (make), connect to the copy and to the live server.",
    commands: [...kubectlCredentials(ctx.environment), konduit(ctx, ptrServer(ctx) ?? "<name-of-ptr-server>"), konduit(ctx)],
  }),
});

const uploadRestoredDatabase = defineStep({
  id: "upload-restored-database",
  title: "Upload the restored database to Azure storage",
  runbookHeading: "Upload restored database to Azure storage",
  guidance: [
    "Back up the PTR copy to Azure storage: that backup is the source for restoring the live server.",
    "Needed even if you backed up the flawed database earlier: that backup holds the corrupted data; this one holds the restored data. Use a specific name to identify it.",
  ],
  kind: "operation",
  optional: false,
  changesProduction: false,
  after: ["validate-data"],
  inputs: (ctx) =>
    z.object({
      backupFile: backupNameField(`aytq_${ctx.environment.configShort}_ptr_${stamp(ctx)}`),
      server: copyServerField(ctx.environment, ptrServer(ctx) ?? `${ctx.environment.postgres.server}-ptr`),
    }),
  preconditions: [backupStorageExists],
  operation: (ctx, input) => {
    const workflow = ctx.service.workflows.backup;
    const storage = ctx.environment.backupStorage!;
    return {
      kind: "github.dispatch-workflow",
      repository: repo(ctx),
      ref: ctx.service.repository.branch,
      workflowFile: workflow.file,
      workflowTitle: workflow.title,
      inputs: workflowInputs(workflow, { environment: ctx.environment.key, backupFile: input.backupFile, server: input.server }),
      precheck: { kind: "backup-absent", account: storage.account, container: storage.container, name: `${input.backupFile}.sql.gz` },
    };
  },
  verification: (ctx, input) => ({
    kind: "backup-exists", account: ctx.environment.backupStorage!.account, container: ctx.environment.backupStorage!.container, name: `${input.backupFile}.sql.gz`,
  }),
  verifiedBy: "The blob <name>.sql.gz exists in the backup container.",
  fallback: (ctx, input) => {
    const workflow = ctx.service.workflows.backup;
    return {
      summary: `Run "${workflow.title}" by hand with the PTR server as db-server, then confirm this step.`,
      workflow: {
        title: workflow.title,
        url: workflowPageUrl(ctx.service, workflow),
        inputs: workflowInputs(workflow, {
          environment: ctx.environment.key,
          backupFile: input?.backupFile ?? `aytq_${ctx.environment.configShort}_ptr_<date>`,
          server: input?.server ?? ptrServer(ctx) ?? "<name-of-ptr-server>",
        }),
      },
    };
  },
  timeoutMinutes: 2 * 60,
});

const restoreIntoLive = defineStep({
  id: "restore-into-live",
  title: "Restore the data into the live server",
  runbookHeading: "Restore data into the live server",
  guidance: [
    "Restore the live server from the backup of the PTR copy, with the Restore database from Azure storage workflow. It overwrites the live database.",
    "The backup file name is the name used in the upload step with .sql.gz appended.",
  ],
  kind: "operation",
  optional: false,
  changesProduction: true,
  after: ["upload-restored-database"],
  inputs: (ctx) => {
    const uploaded = ctx.steps["upload-restored-database"]?.inputs?.backupFile;
    return z.object({ backupFile: backupFileField(typeof uploaded === "string" ? `${uploaded}.sql.gz` : undefined) });
  },
  preconditions: [backupStorageExists],
  operation: (ctx, input) => {
    const workflow = ctx.service.workflows.restoreFromStorage;
    const storage = ctx.environment.backupStorage!;
    return {
      kind: "github.dispatch-workflow",
      repository: repo(ctx),
      ref: ctx.service.repository.branch,
      workflowFile: workflow.file,
      workflowTitle: workflow.title,
      inputs: workflowInputs(workflow, { environment: ctx.environment.key, confirmProduction: confirmProduction(ctx), backupFile: input.backupFile }),
      precheck: { kind: "backup-exists", account: storage.account, container: storage.container, name: input.backupFile },
      // The live server still holds everything written after the restore point (the service is stopped): count it
      // before the restore overwrites it, so the incident records the rows lost.
      ...(restorePointOf(ctx) ? { measureDataLoss: { server: serverRef(ctx), database: ctx.environment.postgres.database, since: restorePointOf(ctx)! } } : {}),
    };
  },
  verification: (ctx) => ({ kind: "server-ready", server: serverRef(ctx) }),
  verifiedBy: "The run succeeded (RESTORE SUCCESSFUL!) and the live server is Ready; the data is checked in Validate app.",
  fallback: (ctx, input) => {
    const workflow = ctx.service.workflows.restoreFromStorage;
    return {
      summary: `Run "${workflow.title}" by hand, then confirm this step.`,
      workflow: {
        title: workflow.title,
        url: workflowPageUrl(ctx.service, workflow),
        inputs: workflowInputs(workflow, { environment: ctx.environment.key, confirmProduction: confirmProduction(ctx), backupFile: input?.backupFile ?? "<uploaded name>.sql.gz" }),
      },
    };
  },
  timeoutMinutes: 3 * 60,
});

const restartApplications = defineStep({
  id: "restart-applications",
  title: "Restart the applications",
  runbookHeading: "Restart applications",
  guidance: [
    "Scale the web and worker deployments back up. The console proposes the replicas each had before it was stopped (the catalogue's usual value is shown beside it).",
  ],
  kind: "operation",
  optional: false,
  changesProduction: true,
  after: ["restore-into-live"],
  inputs: (ctx) => {
    const previous = (ctx.steps["stop-service"]?.outputs?.previous ?? {}) as Record<string, number | undefined>;
    const { web, worker } = ctx.environment.kubernetes;
    return z.object({
      webReplicas: replicasField(previous[web.name] ?? web.normalReplicas),
      workerReplicas: replicasField(previous[worker.name] ?? worker.normalReplicas),
    });
  },
  preconditions: [],
  operation: (ctx, input) => ({
    kind: "kubernetes.scale",
    deployments: [
      { namespace: ctx.environment.kubernetes.namespace, name: ctx.environment.kubernetes.web.name, replicas: input.webReplicas },
      { namespace: ctx.environment.kubernetes.namespace, name: ctx.environment.kubernetes.worker.name, replicas: input.workerReplicas },
    ],
  }),
  verification: (ctx, input) => ({
    kind: "deployments-scaled",
    deployments: [
      { namespace: ctx.environment.kubernetes.namespace, name: ctx.environment.kubernetes.web.name, replicas: input.webReplicas },
      { namespace: ctx.environment.kubernetes.namespace, name: ctx.environment.kubernetes.worker.name, replicas: input.workerReplicas },
    ],
  }),
  verifiedBy: "Both deployments have the requested replicas, all ready.",
  fallback: (ctx, input) => ({
    summary: "Scale both deployments back with kubectl.",
    commands: [
      ...kubectlCredentials(ctx.environment),
      kubectlGetDeployments(ctx.environment),
      kubectlScale(ctx.environment, ctx.environment.kubernetes.web.name, input?.webReplicas ?? ctx.environment.kubernetes.web.normalReplicas),
      kubectlScale(ctx.environment, ctx.environment.kubernetes.worker.name, input?.workerReplicas ?? ctx.environment.kubernetes.worker.normalReplicas),
    ],
  }),
  timeoutMinutes: 20,
});

const tidyUp = defineStep({
  id: "tidy-up",
  title: "Tidy up: delete the PTR copy",
  runbookHeading: "Tidy up",
  guidance: [
    "Delete the PTR copy server. The console only deletes the copy this incident made (the name used in the restore step), never the live server.",
  ],
  kind: "operation",
  optional: false,
  changesProduction: true,
  after: ["validate-app"],
  inputs: (ctx) => {
    const made = ptrServer(ctx);
    return z.object({
      server: z
        .string()
        .trim()
        .refine((v) => made !== undefined && v === made, {
          message: made ? `Only the PTR copy made by this incident (${made}) can be deleted here.` : "This incident made no PTR copy: there is nothing to delete.",
        })
        .default(made ?? ""),
    });
  },
  preconditions: [],
  operation: (ctx, input) => ({
    kind: "azure-postgres.delete-server",
    server: serverRef(ctx, input.server),
    // Checked against Azure's own record before anything is sent: made after the incident began, never the live server.
    guard: { createdAtOrAfter: ctx.incident.detectedAt.toISOString(), protectedServers: [ctx.environment.postgres.server] },
  }),
  verification: (ctx, input) => ({ kind: "server-absent", server: serverRef(ctx, input.server) }),
  verifiedBy: "The copy no longer exists in Azure.",
  fallback: (ctx, input) => {
    const server = input?.server ?? ptrServer(ctx) ?? `${ctx.environment.postgres.server}-ptr`;
    return {
      summary: `Delete the server ${server} in the Azure portal (resource group ${ctx.environment.resourceGroup}).`,
      portal: { url: portalServerUrl(ctx.environment, server), path: `Resource group ${ctx.environment.resourceGroup} > ${server} > Overview > Delete` },
      instructions: [`Resource group page: ${portalResourceGroupUrl(ctx.environment)}`, `Resource id: ${serverResourceId(ctx.environment, server)}`],
    };
  },
  timeoutMinutes: 60,
});

export const lossOfData: ScenarioDefinition = {
  id: "loss-of-data",
  title: "Scenario 2: Loss of data",
  summary: "Data on the live server has been lost or corrupted: restore a point-in-time copy and copy it back.",
  whenToUse: "The server is there but data was deleted or corrupted. If the server itself is gone, use Scenario 1.",
  runbookSection: "Scenario 2: Loss of data",
  branches: [],
  steps: [
    stopService,
    startIncidentProcessStep([]),
    freezePipelineStep([]),
    backupFlawedDatabase,
    restorePointInTime,
    validateData,
    uploadRestoredDatabase,
    restoreIntoLive,
    restartApplications,
    validateAppStep(["restart-applications"]),
    unfreezePipelineStep(["validate-app"]),
    tidyUp,
    drTestPostScenarioStep(["tidy-up"]),
    postDrReviewStep(["unfreeze-pipeline", "tidy-up", "start-incident-process"]),
  ],
};
