import type { WorkflowDefinition } from "./workflows/workflow-definition";
import type { JobRecord, RunRecord } from "./runs/run-record";

/**
 * The REST shapes of api.github.com (contracts/github/api.github.com.subset.json) for the stand-in's records.
 * `api` is the stand-in's base URL (what clients use as baseUrl); `web` is where its html_url pages are (the
 * stand-in serves those too, in place of github.com).
 */

export interface Urls {
  api: string;
  web: string;
}

const nodeId = (prefix: string, id: number | string) => Buffer.from(`${prefix}${id}`).toString("base64");

export function simpleUser(urls: Urls, login: string) {
  const id = 100_000 + [...login].reduce((sum, ch) => (sum * 31 + ch.charCodeAt(0)) % 9_000_000, 7);
  const u = `${urls.api}/users/${login}`;
  return {
    login,
    id,
    node_id: nodeId("04:User", id),
    avatar_url: `${urls.web}/avatars/u/${id}?v=4`,
    gravatar_id: "",
    url: u,
    html_url: `${urls.web}/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: login.endsWith("[bot]") ? "Bot" : "User",
    user_view_type: "public",
    site_admin: false,
  };
}

export function repositoryId(owner: string, repo: string): number {
  return 500_000_000 + [...`${owner}/${repo}`].reduce((sum, ch) => (sum * 31 + ch.charCodeAt(0)) % 90_000_000, 11);
}

export function minimalRepository(urls: Urls, owner: string, repo: string) {
  const r = `${urls.api}/repos/${owner}/${repo}`;
  const id = repositoryId(owner, repo);
  const ownerUser = { ...simpleUser(urls, owner), type: "Organization" };
  return {
    id,
    node_id: nodeId("010:Repository", id),
    name: repo,
    full_name: `${owner}/${repo}`,
    private: false,
    owner: ownerUser,
    html_url: `${urls.web}/${owner}/${repo}`,
    description: null,
    fork: false,
    url: r,
    archive_url: `${r}/{archive_format}{/ref}`,
    assignees_url: `${r}/assignees{/user}`,
    blobs_url: `${r}/git/blobs{/sha}`,
    branches_url: `${r}/branches{/branch}`,
    collaborators_url: `${r}/collaborators{/collaborator}`,
    comments_url: `${r}/comments{/number}`,
    commits_url: `${r}/commits{/sha}`,
    compare_url: `${r}/compare/{base}...{head}`,
    contents_url: `${r}/contents/{+path}`,
    contributors_url: `${r}/contributors`,
    deployments_url: `${r}/deployments`,
    downloads_url: `${r}/downloads`,
    events_url: `${r}/events`,
    forks_url: `${r}/forks`,
    git_commits_url: `${r}/git/commits{/sha}`,
    git_refs_url: `${r}/git/refs{/sha}`,
    git_tags_url: `${r}/git/tags{/sha}`,
    hooks_url: `${r}/hooks`,
    issue_comment_url: `${r}/issues/comments{/number}`,
    issue_events_url: `${r}/issues/events{/number}`,
    issues_url: `${r}/issues{/number}`,
    keys_url: `${r}/keys{/key_id}`,
    labels_url: `${r}/labels{/name}`,
    languages_url: `${r}/languages`,
    merges_url: `${r}/merges`,
    milestones_url: `${r}/milestones{/number}`,
    notifications_url: `${r}/notifications{?since,all,participating}`,
    pulls_url: `${r}/pulls{/number}`,
    releases_url: `${r}/releases{/id}`,
    stargazers_url: `${r}/stargazers`,
    statuses_url: `${r}/statuses/{sha}`,
    subscribers_url: `${r}/subscribers`,
    subscription_url: `${r}/subscription`,
    tags_url: `${r}/tags`,
    teams_url: `${r}/teams`,
    trees_url: `${r}/git/trees{/sha}`,
  };
}

export function workflowJson(urls: Urls, owner: string, repo: string, w: WorkflowDefinition) {
  return {
    id: w.id,
    node_id: nodeId("W_", w.id),
    name: w.name,
    path: `.github/workflows/${w.file}`,
    state: "active",
    created_at: "2024-07-24T09:12:44.000Z",
    updated_at: "2025-11-03T14:20:01.000Z",
    url: `${urls.api}/repos/${owner}/${repo}/actions/workflows/${w.id}`,
    html_url: `${urls.web}/${owner}/${repo}/blob/main/.github/workflows/${w.file}`,
    badge_url: `${urls.web}/${owner}/${repo}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
  };
}

export function runHtmlUrl(urls: Urls, run: Pick<RunRecord, "owner" | "repo" | "id">): string {
  return `${urls.web}/${run.owner}/${run.repo}/actions/runs/${run.id}`;
}

export function workflowRunJson(urls: Urls, run: RunRecord) {
  const r = `${urls.api}/repos/${run.owner}/${run.repo}`;
  const repository = minimalRepository(urls, run.owner, run.repo);
  const actor = simpleUser(urls, run.actor);
  return {
    id: run.id,
    name: run.workflow.name,
    node_id: nodeId("WFR_", run.id),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: `.github/workflows/${run.workflow.file}`,
    display_title: run.workflow.name,
    run_number: run.runNumber,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflow.id,
    check_suite_id: run.id * 2,
    check_suite_node_id: nodeId("CS_", run.id * 2),
    url: `${r}/actions/runs/${run.id}`,
    html_url: runHtmlUrl(urls, run),
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    actor,
    run_attempt: 1,
    referenced_workflows: [],
    run_started_at: run.runStartedAt,
    triggering_actor: actor,
    jobs_url: `${r}/actions/runs/${run.id}/jobs`,
    logs_url: `${r}/actions/runs/${run.id}/logs`,
    check_suite_url: `${r}/check-suites/${run.id * 2}`,
    artifacts_url: `${r}/actions/runs/${run.id}/artifacts`,
    cancel_url: `${r}/actions/runs/${run.id}/cancel`,
    rerun_url: `${r}/actions/runs/${run.id}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${r}/actions/workflows/${run.workflow.id}`,
    head_commit: {
      id: run.headSha,
      tree_id: run.headSha.split("").reverse().join(""),
      message: "Merge pull request from DFE-Digital/main",
      timestamp: "2026-01-05T10:00:00Z",
      author: { name: "DfE Developer", email: "developer@education.gov.uk" },
      committer: { name: "GitHub", email: "noreply@github.com" },
    },
    repository,
    head_repository: repository,
  };
}

export function jobJson(urls: Urls, run: RunRecord, job: JobRecord) {
  const r = `${urls.api}/repos/${run.owner}/${run.repo}`;
  return {
    id: job.id,
    run_id: run.id,
    workflow_name: run.workflow.name,
    head_branch: run.headBranch,
    run_url: `${r}/actions/runs/${run.id}`,
    run_attempt: 1,
    node_id: nodeId("CR_", job.id),
    head_sha: run.headSha,
    url: `${r}/actions/jobs/${job.id}`,
    html_url: `${runHtmlUrl(urls, run)}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: job.createdAt,
    started_at: job.startedAt,
    completed_at: job.completedAt,
    name: job.name,
    steps: job.steps.map((s) => ({
      name: s.name,
      status: s.status,
      conclusion: s.conclusion,
      number: s.number,
      started_at: s.startedAt,
      completed_at: s.completedAt,
    })),
    check_run_url: `${r}/check-runs/${job.id}`,
    labels: job.conclusion === "skipped" ? [] : ["ubuntu-latest"],
    runner_id: job.runnerId,
    runner_name: job.runnerName,
    runner_group_id: job.runnerId === null ? null : 0,
    runner_group_name: job.runnerId === null ? null : "GitHub Actions",
  };
}
