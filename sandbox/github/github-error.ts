/**
 * GitHub's error responses: `{ message, documentation_url, status }` (basic-error / validation-error), with the
 * status repeated as a string as api.github.com now sends it.
 */

export function githubError(options: { status: number; message: string; documentationUrl?: string; errors?: unknown[]; headers?: Record<string, string> }): Response {
  const body = {
    message: options.message,
    ...(options.errors ? { errors: options.errors } : {}),
    documentation_url: options.documentationUrl ?? "https://docs.github.com/rest",
    status: String(options.status),
  };
  return new Response(JSON.stringify(body), {
    status: options.status,
    headers: { "content-type": "application/json; charset=utf-8", ...options.headers },
  });
}

export const notFound = (documentationUrl?: string) => githubError({ status: 404, message: "Not Found", documentationUrl });

export const docs = {
  branchProtection: "https://docs.github.com/rest/branches/branch-protection#get-branch-protection",
  updateBranchProtection: "https://docs.github.com/rest/branches/branch-protection#update-branch-protection",
  pullRequestReviewProtection: "https://docs.github.com/rest/branches/branch-protection#update-pull-request-review-protection",
  dispatch: "https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event",
  listRuns: "https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow",
  getRun: "https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run",
  deleteRun: "https://docs.github.com/rest/actions/workflow-runs#delete-a-workflow-run",
  listJobs: "https://docs.github.com/rest/actions/workflow-jobs#list-jobs-for-a-workflow-run",
  cancelRun: "https://docs.github.com/rest/actions/workflow-runs#cancel-a-workflow-run",
};
