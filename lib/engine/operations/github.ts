import { ExpectedError } from "../../errors";
import type { ServerRef } from "../../integrations/azure-postgres/port";
import { serverResourceIdOf } from "../../integrations/azure-postgres/server-resource-id";
import type { WorkflowRun } from "../../integrations/github/port";
import type { OperationRequest } from "../../runbooks/operation-requests";
import { describeInstant } from "../../time/describe-instant";
import type { IntegrationPorts } from "../ports";
import type { HandlerFor, PollResult } from "./types";

export const setRequiredApprovals: HandlerFor<"github.set-required-approvals"> = {
  sendIsSafeToRepeat: true,
  pollIntervalSeconds: 5,
  async send({ request, ports, progress, saveProgress }) {
    const where = { owner: request.repository.owner, repo: request.repository.repo, branch: request.branch };
    // Remember the count before changing it, once: a re-send after a crash must not remember our own 6.
    let previous = progress.previous as number | undefined;
    if (previous === undefined) {
      previous = await ports.github.getRequiredApprovals(where);
      await saveProgress({ previous });
    }
    await ports.github.setRequiredApprovals({ ...where, count: request.count });
    return {
      done: true,
      outputs: { previous, count: request.count },
      summary: `Required approving reviews on ${request.branch}: ${previous} -> ${request.count}`,
    };
  },
};

/**
 * A run that "succeeded" with a skipped job did nothing (production without confirm-production "true"); GitHub may
 * also conclude such a run "skipped". Either is a failure that says why.
 */
export function judgeRun(run: WorkflowRun): { ok: true } | { ok: false; error: string } {
  const skipped = run.jobs.filter((j) => j.conclusion === "skipped");
  if (run.conclusion === "skipped" || (run.conclusion === "success" && skipped.length > 0)) {
    const jobs = skipped.length ? `job ${skipped.map((j) => `"${j.name}"`).join(", ")} was skipped` : "its job was skipped";
    return {
      ok: false,
      error: `The workflow run went green but did nothing: ${jobs} (in production the confirm-production input must be "true"). See ${run.url}`,
    };
  }
  if (run.conclusion === "success") return { ok: true };
  return { ok: false, error: `The workflow run ended "${run.conclusion ?? "unknown"}". See its log: ${run.url}` };
}

/** How long a server may stay invisible after the workflow that asked for it went green, before that is a failure. */
const SERVER_APPEAR_LIMIT_MS = 15 * 60_000;

type DispatchRequest = Extract<OperationRequest, { kind: "github.dispatch-workflow" }>;

interface FollowState {
  runId: number;
  runUrl: string;
  runCreatedAt: string;
  runSucceededAt: string;
}

/** After a green run that only asked Azure to start: the server's own state decides, and the activity log says why not. */
async function followServer(args: { server: ServerRef; ports: IntegrationPorts; state: FollowState }): Promise<PollResult> {
  const { server: ref, ports, state } = args;
  const pollerState = { runId: state.runId, runUrl: state.runUrl, runSucceeded: true, runCreatedAt: state.runCreatedAt, runSucceededAt: state.runSucceededAt };
  const outputs = { runId: state.runId, runUrl: state.runUrl, conclusion: "success" };
  const server = await ports.azurePostgres.getServer(ref);
  if (server?.state === "Ready") {
    return { status: "succeeded", outputs: { ...outputs, serverState: server.state }, summary: `Workflow run ${state.runId} succeeded and Azure shows ${ref.server} Ready.` };
  }
  if (server) return { status: "running", pollerState, detail: `Workflow run ${state.runId} succeeded; Azure shows ${ref.server} ${server.state}.` };
  const events = await ports.azureMonitor.listServerActivity({ subscriptionId: ref.subscriptionId, serverResourceId: serverResourceIdOf(ref), since: state.runCreatedAt });
  const failed = events.find((e) => /\/write$/i.test(e.operation) && e.status.toLowerCase() === "failed");
  if (failed) {
    return {
      status: "failed",
      error: `The workflow run went green (it only sends the request), but Azure reports the change to ${ref.server} failed at ${describeInstant({ instant: failed.eventAt || failed.submittedAt }).text}${failed.message ? `: ${failed.message}` : ""}. The server was not brought back: retry the step, or switch option. Run: ${state.runUrl}`,
    };
  }
  if (Date.now() - Date.parse(state.runSucceededAt) > SERVER_APPEAR_LIMIT_MS) {
    return {
      status: "failed",
      error: `The workflow run went green but ${ref.server} has not appeared in Azure within ${SERVER_APPEAR_LIMIT_MS / 60_000} minutes: Azure probably refused the request. Read the run's log (${state.runUrl}) and the activity log.`,
    };
  }
  return { status: "running", pollerState, detail: `Workflow run ${state.runId} succeeded; ${ref.server} is not visible in Azure yet.` };
}

/** The rows the restore is about to overwrite; a failure to count is recorded, not fatal (the restore matters more). */
async function measureDataLoss(request: DispatchRequest, ports: IntegrationPorts): Promise<Record<string, unknown>> {
  const measure = request.measureDataLoss!;
  try {
    return { ...(await ports.database.countRowsWrittenSince(measure)) };
  } catch (error) {
    const why = error instanceof ExpectedError ? error.message : "an unexpected error";
    return { since: measure.since, notMeasured: `The rows written after the restore point could not be counted: ${why}` };
  }
}

export const dispatchWorkflow: HandlerFor<"github.dispatch-workflow"> = {
  // GitHub's dispatch has no idempotency key; the port's look-up-first contract covers a crash, but a send that
  // errored may or may not have started a run, so a person decides (retry after checking the Actions page).
  sendIsSafeToRepeat: false,
  pollIntervalSeconds: 10,
  async send({ request, ports, idempotencyKey, notBefore, progress, saveProgress }) {
    // Counted once, before the restore: a re-send after a crash must not count the restored data.
    let dataLoss = progress.dataLoss as Record<string, unknown> | undefined;
    if (request.measureDataLoss && dataLoss === undefined) {
      dataLoss = await measureDataLoss(request, ports);
      await saveProgress({ dataLoss });
    }
    const run = await ports.github.dispatchWorkflow({
      owner: request.repository.owner,
      repo: request.repository.repo,
      workflowFile: request.workflowFile,
      ref: request.ref,
      inputs: request.inputs,
      idempotencyKey,
      notBefore,
    });
    const lost = typeof dataLoss?.rowsWrittenAfterRestorePoint === "number" ? ` ${dataLoss.rowsWrittenAfterRestorePoint} row(s) written after the restore point will be lost.` : "";
    return {
      done: false,
      externalId: String(run.runId),
      externalUrl: run.url,
      pollerState: { runId: run.runId, runUrl: run.url },
      outputs: { runId: run.runId, runUrl: run.url, ...(dataLoss ? { dataLoss } : {}) },
      summary: `${run.adopted ? "Found the run already dispatched" : "Dispatched"} "${request.workflowTitle}": run ${run.runId} ${run.url}.${lost}`,
    };
  },
  async poll({ request, ports, pollerState }) {
    const runId = Number(pollerState.runId);
    if (pollerState.runSucceeded === true && request.followServer) {
      return followServer({ server: request.followServer, ports, state: pollerState as unknown as FollowState });
    }
    const run = await ports.github.getWorkflowRun({ owner: request.repository.owner, repo: request.repository.repo, runId });
    if (run.status !== "completed") return { status: "running", detail: `Workflow run ${run.id} is ${run.status.replace("_", " ")}.` };
    const verdict = judgeRun(run);
    if (!verdict.ok) return { status: "failed", error: verdict.error };
    if (request.followServer) {
      return followServer({ server: request.followServer, ports, state: { runId: run.id, runUrl: run.url, runCreatedAt: run.createdAt, runSucceededAt: new Date().toISOString() } });
    }
    return { status: "succeeded", outputs: { runId: run.id, runUrl: run.url, conclusion: run.conclusion }, summary: `Workflow run ${run.id} succeeded: ${run.url}` };
  },
};
