import type { WorkflowRun } from "../../integrations/github/port";
import type { HandlerFor } from "./types";

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

/** A run that "succeeded" with a skipped job did nothing (production without confirm-production "true"). */
export function judgeRun(run: WorkflowRun): { ok: true } | { ok: false; error: string } {
  if (run.conclusion === "success") {
    const skipped = run.jobs.filter((j) => j.conclusion === "skipped");
    if (skipped.length > 0) {
      return {
        ok: false,
        error: `The workflow run went green but did nothing: job ${skipped.map((j) => `"${j.name}"`).join(", ")} was skipped (in production the confirm-production input must be "true"). See ${run.url}`,
      };
    }
    return { ok: true };
  }
  return { ok: false, error: `The workflow run ended "${run.conclusion ?? "unknown"}". See its log: ${run.url}` };
}

export const dispatchWorkflow: HandlerFor<"github.dispatch-workflow"> = {
  // GitHub's dispatch has no idempotency key; the port's look-up-first contract covers a crash, but a send that
  // errored may or may not have started a run, so a person decides (retry after checking the Actions page).
  sendIsSafeToRepeat: false,
  pollIntervalSeconds: 10,
  async send({ request, ports, idempotencyKey, notBefore }) {
    const run = await ports.github.dispatchWorkflow({
      owner: request.repository.owner,
      repo: request.repository.repo,
      workflowFile: request.workflowFile,
      ref: request.ref,
      inputs: request.inputs,
      idempotencyKey,
      notBefore,
    });
    return {
      done: false,
      externalId: String(run.runId),
      externalUrl: run.url,
      pollerState: { runId: run.runId },
      outputs: { runId: run.runId, runUrl: run.url },
      summary: `${run.adopted ? "Found the run already dispatched" : "Dispatched"} "${request.workflowTitle}": run ${run.runId} ${run.url}`,
    };
  },
  async poll({ request, ports, pollerState }) {
    const runId = Number(pollerState.runId);
    const run = await ports.github.getWorkflowRun({ owner: request.repository.owner, repo: request.repository.repo, runId });
    if (run.status !== "completed") return { status: "running", detail: `Workflow run ${run.id} is ${run.status.replace("_", " ")}.` };
    const verdict = judgeRun(run);
    if (!verdict.ok) return { status: "failed", error: verdict.error };
    return { status: "succeeded", outputs: { runId: run.id, runUrl: run.url, conclusion: run.conclusion }, summary: `Workflow run ${run.id} succeeded: ${run.url}` };
  },
};

