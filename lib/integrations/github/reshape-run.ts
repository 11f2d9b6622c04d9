import type { WorkflowConclusion, WorkflowRun, WorkflowRunStatus } from "./port";

/** The fields of GitHub's workflow run and job objects that the console reads. */
export interface GitHubRunData {
  id: number;
  html_url: string;
  status: string | null;
  conclusion: string | null;
  created_at: string;
}
export interface GitHubJobData {
  name: string;
  status: string;
  conclusion: string | null;
}

const STATUSES: readonly WorkflowRunStatus[] = ["queued", "waiting", "pending", "requested", "in_progress", "completed"];
const CONCLUSIONS: readonly Exclude<WorkflowConclusion, null>[] = ["success", "failure", "cancelled", "skipped", "timed_out", "action_required", "neutral", "stale"];

const status = (value: string | null): WorkflowRunStatus => (STATUSES as readonly string[]).includes(value ?? "") ? (value as WorkflowRunStatus) : "queued";
const conclusion = (value: string | null): WorkflowConclusion =>
  (CONCLUSIONS as readonly string[]).includes(value ?? "") ? (value as WorkflowConclusion) : null;

/** GitHub's run and its jobs as our WorkflowRun: the vendor shapes stop here. */
export function reshapeRun(run: GitHubRunData, jobs: GitHubJobData[]): WorkflowRun {
  return {
    id: run.id,
    url: run.html_url,
    status: status(run.status),
    conclusion: conclusion(run.conclusion),
    createdAt: new Date(run.created_at).toISOString(),
    jobs: jobs.map((j) => ({ name: j.name, status: j.status, conclusion: conclusion(j.conclusion) })),
  };
}
