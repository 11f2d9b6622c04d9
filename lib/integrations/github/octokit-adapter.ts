import { IntegrationError } from "../../errors";
import type { DrOctokitClient, GitHubAuth } from "./create-octokit";
import { githubIntegrationError, isGitHubNotFound, isOctokitRequestError } from "./github-integration-error";
import type { DispatchedRun, GitHubPort, RepositoryRef, WorkflowRun } from "./port";
import { reshapeRun, type GitHubRunData } from "./reshape-run";

const SYSTEM = "github";
/**
 * Clock difference allowed between the console and GitHub when looking for a run dispatched at `notBefore` (GitHub's
 * created_at also drops the milliseconds). Runs another operation recorded are excluded whatever their time.
 */
const CLOCK_SKEW_MS = 5_000;

export interface OctokitAdapterOptions {
  octokit: DrOctokitClient;
  auth: GitHubAuth;
  /** The login whose runs are the console's (else read from GET /user, or GET /app for a GitHub App). */
  actor?: string;
  /**
   * Ask the dispatch for the run's id (`return_run_details`, GitHub since 2026-02). False for a server known to refuse
   * it (older GitHub Enterprise Server); a refusal is also noticed and remembered.
   */
  returnRunDetails: boolean;
  /** Runs the console already recorded for another operation (the engine's operation records). */
  isRunClaimed?: (runId: number) => Promise<boolean>;
  /** How long to look for the run a dispatch without run details started (GitHub lists it after a moment). */
  findRunTimeoutMs?: number;
}

interface DispatchArgs extends RepositoryRef {
  workflowFile: string;
  ref: string;
  inputs: Record<string, string>;
  idempotencyKey: string;
  notBefore: string;
}

/**
 * GitHub through Octokit: branch protection's required approving reviews, and workflow dispatches followed by run
 * id. A dispatch is never repeated by a retry (GitHub has no idempotency key): before dispatching, a run of that
 * workflow on that ref by the console's identity created since `notBefore` and not claimed by another operation is
 * adopted instead (the crash between "sent" and "recorded"); dispatches of one workflow are serialised in-process.
 */
export function createOctokitAdapter(options: OctokitAdapterOptions): GitHubPort {
  const { octokit } = options;
  let actorLogin: string | undefined = options.actor;
  let runDetails = options.returnRunDetails;
  const claimed = new Map<number, string>();
  const byKey = new Map<string, DispatchedRun>();
  const queues = new Map<string, Promise<unknown>>();

  async function actor(): Promise<string> {
    if (actorLogin) return actorLogin;
    try {
      if (options.auth.kind === "app") {
        const app = await octokit.request("GET /app");
        actorLogin = `${app.data?.slug ?? "unknown-app"}[bot]`;
      } else {
        actorLogin = (await octokit.rest.users.getAuthenticated()).data.login;
      }
    } catch (error) {
      throw githubIntegrationError({ doing: "find out which GitHub identity the console uses", error });
    }
    return actorLogin;
  }

  async function isClaimed(runId: number, key: string): Promise<boolean> {
    const holder = claimed.get(runId);
    if (holder !== undefined) return holder !== key;
    return (await options.isRunClaimed?.(runId)) ?? false;
  }

  /** The console's runs of this workflow on this ref created since `since`, oldest first. */
  async function listOurRuns(args: DispatchArgs, since: Date): Promise<GitHubRunData[]> {
    try {
      const { data } = await octokit.rest.actions.listWorkflowRuns({
        owner: args.owner, repo: args.repo, workflow_id: args.workflowFile, branch: args.ref, event: "workflow_dispatch",
        actor: await actor(), created: `>=${since.toISOString()}`, per_page: 50,
      });
      return [...data.workflow_runs].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
    } catch (error) {
      throw githubIntegrationError({ doing: `list the runs of ${args.workflowFile}`, error });
    }
  }

  async function firstUnclaimed(runs: GitHubRunData[], key: string, excluding: Set<number> = new Set()): Promise<GitHubRunData | undefined> {
    for (const run of runs) if (!excluding.has(run.id) && !(await isClaimed(run.id, key))) return run;
    return undefined;
  }

  const remember = (key: string, run: DispatchedRun): DispatchedRun => {
    claimed.set(run.runId, key);
    byKey.set(key, { ...run, adopted: true });
    return run;
  };

  /** POST .../dispatches; the run when GitHub returns it (return_run_details), else null (204). */
  async function sendDispatch(args: DispatchArgs): Promise<{ runId: number; url: string } | null> {
    const send = (withDetails: boolean) =>
      octokit.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
        owner: args.owner, repo: args.repo, workflow_id: args.workflowFile, ref: args.ref, inputs: args.inputs,
        ...(withDetails ? { return_run_details: true } : {}),
        // Never repeated: a dispatch that failed on the way back may have started a run.
        request: { retries: 0 },
      });
    try {
      const response = await send(runDetails);
      const data = response.data as { workflow_run_id?: number; html_url?: string } | undefined;
      return data?.workflow_run_id ? { runId: data.workflow_run_id, url: data.html_url ?? "" } : null;
    } catch (error) {
      // A server that does not know the field refuses the whole request (422): nothing was dispatched; send plainly.
      if (runDetails && isOctokitRequestError(error) && error.status === 422 && /return_run_details/.test(JSON.stringify(error.response?.data ?? error.message))) {
        runDetails = false;
        await send(false).catch((again: unknown) => {
          throw githubIntegrationError({ doing: `dispatch ${args.workflowFile}`, error: again });
        });
        return null;
      }
      throw githubIntegrationError({ doing: `dispatch ${args.workflowFile}`, error });
    }
  }

  async function dispatchOnce(args: DispatchArgs): Promise<DispatchedRun> {
    const known = byKey.get(args.idempotencyKey);
    if (known) return known;
    const notBefore = new Date(Date.parse(args.notBefore) - CLOCK_SKEW_MS);
    const listed = await listOurRuns(args, notBefore);
    const earlier = await firstUnclaimed(listed, args.idempotencyKey);
    if (earlier) return remember(args.idempotencyKey, { runId: earlier.id, url: earlier.html_url, adopted: true });

    // Without run details (configured off, or refused) the new run is one that was not listed before the dispatch.
    const before = new Set(listed.map((r) => r.id));
    const dispatchedAt = new Date();
    const returned = await sendDispatch(args);
    if (returned) return remember(args.idempotencyKey, { ...returned, adopted: false });
    const deadline = Date.now() + (options.findRunTimeoutMs ?? 60_000);
    for (let wait = 250; ; wait = Math.min(wait * 2, 4_000)) {
      const found = await firstUnclaimed(await listOurRuns(args, new Date(Math.min(dispatchedAt.getTime() - CLOCK_SKEW_MS, notBefore.getTime()))), args.idempotencyKey, before);
      if (found) return remember(args.idempotencyKey, { runId: found.id, url: found.html_url, adopted: false });
      if (Date.now() > deadline) {
        throw new IntegrationError(SYSTEM, `${args.workflowFile} was dispatched but its run did not appear in the list of runs within ${Math.round((options.findRunTimeoutMs ?? 60_000) / 1000)} s: look on the Actions page, then confirm the step by hand.`);
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  return {
    async getRequiredApprovals({ owner, repo, branch }) {
      try {
        const { data } = await octokit.rest.repos.getPullRequestReviewProtection({ owner, repo, branch });
        return data.required_approving_review_count ?? 0;
      } catch (error) {
        // Reviews not required at all (or the branch unprotected) is 0 approvals; a bare 404 may mean no access.
        if (isGitHubNotFound(error, /not enabled|not protected/i)) return 0;
        throw githubIntegrationError({ doing: `read the branch protection of ${branch}`, error });
      }
    },

    async setRequiredApprovals({ owner, repo, branch, count }) {
      try {
        await octokit.rest.repos.updatePullRequestReviewProtection({ owner, repo, branch, required_approving_review_count: count });
      } catch (error) {
        if (isGitHubNotFound(error, /not enabled/i)) {
          throw new IntegrationError(SYSTEM, `Pull request reviews are not required on ${branch}, so the number of approvals cannot be set: a repository admin sets "Require approvals" in the branch protection rule.`, { status: 404 });
        }
        throw githubIntegrationError({ doing: `set the required approving reviews of ${branch} to ${count}`, error });
      }
    },

    async dispatchWorkflow(args) {
      // One dispatch of a workflow at a time in this process, so that a look-up never adopts a sibling's fresh run.
      const queueKey = `${args.owner}/${args.repo}/${args.workflowFile}`;
      const previous = queues.get(queueKey) ?? Promise.resolve();
      const mine = previous.catch(() => undefined).then(() => dispatchOnce(args));
      queues.set(queueKey, mine);
      try {
        return await mine;
      } finally {
        if (queues.get(queueKey) === mine) queues.delete(queueKey);
      }
    },

    async getWorkflowRun({ owner, repo, runId }): Promise<WorkflowRun> {
      try {
        const [{ data: run }, { data: jobs }] = await Promise.all([
          octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId }),
          octokit.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId, filter: "latest", per_page: 100 }),
        ]);
        return reshapeRun(run, jobs.jobs);
      } catch (error) {
        throw githubIntegrationError({ doing: `read workflow run ${runId}`, error });
      }
    },
  };
}
