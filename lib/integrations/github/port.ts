/**
 * GitHub: branch protection and Actions workflows, in our own types (real adapter: @octokit/rest).
 *
 * Contract of `dispatchWorkflow` (the engine relies on it for exactly-once): GitHub's dispatch has no
 * idempotency key, so the port receives the engine's `idempotencyKey` and `notBefore` (when the engine began its
 * first send of this operation). Before dispatching it looks for a run of this workflow on this ref created by
 * the console's identity at or after `notBefore` that it has not already returned for another key, and returns it
 * (`adopted: true`) instead of dispatching again. That covers a crash between "sent" and "recorded".
 */

export interface RepositoryRef {
  owner: string;
  repo: string;
}

export type WorkflowRunStatus = "queued" | "waiting" | "pending" | "requested" | "in_progress" | "completed";
export type WorkflowConclusion = "success" | "failure" | "cancelled" | "skipped" | "timed_out" | "action_required" | "neutral" | "stale" | null;

export interface WorkflowRun {
  id: number;
  /** The run's page (html_url). */
  url: string;
  status: WorkflowRunStatus;
  conclusion: WorkflowConclusion;
  createdAt: string;
  /** Conclusion of each job: a skipped production job means the run did nothing (confirm-production not "true"). */
  jobs: { name: string; status: string; conclusion: WorkflowConclusion }[];
}

export interface DispatchedRun {
  runId: number;
  url: string;
  adopted: boolean;
}

export interface GitHubPort {
  /** The branch protection's required approving review count (0 when reviews are not required). */
  getRequiredApprovals(options: RepositoryRef & { branch: string }): Promise<number>;
  setRequiredApprovals(options: RepositoryRef & { branch: string; count: number }): Promise<void>;
  dispatchWorkflow(options: RepositoryRef & {
    workflowFile: string;
    ref: string;
    /** Input names exactly as the workflow declares them; values are strings as GitHub wants them. */
    inputs: Record<string, string>;
    idempotencyKey: string;
    notBefore: string;
  }): Promise<DispatchedRun>;
  getWorkflowRun(options: RepositoryRef & { runId: number }): Promise<WorkflowRun>;
}
