import { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { KubernetesState } from "../kubernetes/state";
import { startTestSandbox, type TestSandbox } from "../services/testing/start-test-sandbox";
import { startGithubStandIn, type GithubStandIn } from "./server";
import { assertMatchesContract, assertMatchesSchema } from "./testing/github-contract";

const owner = "DFE-Digital";
const repo = "access-your-teaching-qualifications";
const RUN = "/repos/{owner}/{repo}/actions/runs/{run_id}";

let sandbox: TestSandbox;
let kubernetes: KubernetesState;
let github: GithubStandIn;
let octokit: Octokit;
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  sandbox = await startTestSandbox({ adminDatabaseUrl: inject("testAdminUrl") });
  kubernetes = new KubernetesState({ rolloutStepMs: 20 });
  github = await startGithubStandIn({ context: sandbox.context, kubernetes, timing: { queueMs: 40, stepMs: 10, pollIntervalMs: 200 }, schedules: false, actors: { "token-of-ada": "ada-lovelace" } });
  octokit = new Octokit({ baseUrl: github.url, auth: "ghp_sandbox", log: quiet });
});

afterAll(async () => {
  await github?.stop();
  kubernetes?.stop();
  await sandbox?.stop();
});

afterEach(() => sandbox.context.faults.clear());

async function completed(runId: number, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await octokit.actions.getWorkflowRun({ owner, repo, run_id: runId });
    if (run.data.status === "completed") return run;
    if (Date.now() > until) throw new Error(`run ${runId} still ${run.data.status}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

async function summaryOf(runId: number): Promise<string> {
  const res = await fetch(`${github.url}/repos/${owner}/${repo}/actions/runs/${runId}/summary`, { headers: { authorization: "token x" } });
  return res.text();
}

async function logOf(runId: number): Promise<string> {
  const res = await fetch(`${github.url}/repos/${owner}/${repo}/actions/runs/${runId}/sandbox-log`, { headers: { authorization: "token x" } });
  return res.text();
}

describe("the contract check", () => {
  it("rejects a body the contract does not allow (so the checks below mean something)", async () => {
    const run = await octokit.actions.listWorkflowRunsForRepo({ owner, repo });
    expect(() => assertMatchesContract({ method: "get", path: RUN, status: 200, body: { id: "1", html_url: 3 } })).toThrow(/must have required property/);
    expect(() => assertMatchesSchema("basic-error", { message: 1 })).toThrow(/must be string/);
    expect(run.status).toBe(200);
  });
});

describe("branch protection", () => {
  it("freezes and unfreezes the pipeline (required approving reviews 1 -> 6 -> 1) as the contract says", async () => {
    const before = await octokit.repos.getBranchProtection({ owner, repo, branch: "main" });
    assertMatchesContract({ method: "get", path: "/repos/{owner}/{repo}/branches/{branch}/protection", status: 200, body: before.data });
    expect(before.data.required_pull_request_reviews?.required_approving_review_count).toBe(1);
    expect(before.headers["x-github-request-id"]).toMatch(/^[0-9A-F]{4}:/);
    expect(Number(before.headers["x-ratelimit-remaining"])).toBeLessThan(5000);

    const frozen = await octokit.repos.updatePullRequestReviewProtection({ owner, repo, branch: "main", required_approving_review_count: 6 });
    assertMatchesContract({ method: "patch", path: "/repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews", status: 200, body: frozen.data });
    expect(frozen.data.required_approving_review_count).toBe(6);
    const read = await octokit.repos.getPullRequestReviewProtection({ owner, repo, branch: "main" });
    expect(read.data.required_approving_review_count).toBe(6);

    const current = (await octokit.repos.getBranchProtection({ owner, repo, branch: "main" })).data;
    const unfrozen = await octokit.repos.updateBranchProtection({
      owner,
      repo,
      branch: "main",
      required_status_checks: { strict: current.required_status_checks?.strict ?? false, contexts: current.required_status_checks?.contexts ?? [] },
      enforce_admins: current.enforce_admins?.enabled ?? false,
      required_pull_request_reviews: { dismiss_stale_reviews: true, required_approving_review_count: 1 },
      restrictions: null,
    });
    assertMatchesContract({ method: "put", path: "/repos/{owner}/{repo}/branches/{branch}/protection", status: 200, body: unfrozen.data });
    expect(unfrozen.data.required_pull_request_reviews?.required_approving_review_count).toBe(1);
    expect(sandbox.context.counters.get(`github:update-pull-request-review-protection ${owner}/${repo}/main`)).toBe(1);
    expect(sandbox.context.counters.get(`github:update-branch-protection ${owner}/${repo}/main`)).toBe(1);
  });

  it("refuses more than 6 approving reviews, and an unknown repository, as GitHub does", async () => {
    const tooMany = await octokit.repos.updatePullRequestReviewProtection({ owner, repo, branch: "main", required_approving_review_count: 7 }).catch((e: { status: number; response: { data: unknown } }) => e);
    expect(tooMany).toMatchObject({ status: 422 });
    assertMatchesSchema("validation-error", (tooMany as { response: { data: unknown } }).response.data);
    await expect(octokit.repos.getBranchProtection({ owner, repo: "nope", branch: "main" })).rejects.toMatchObject({ status: 404 });
  });

  it("answers 401 with GitHub's error body when there is no token", async () => {
    const res = await fetch(`${github.url}/repos/${owner}/${repo}/branches/main/protection`);
    expect(res.status).toBe(401);
    expect(res.headers.get("x-github-request-id")).toBeTruthy();
    const body = await res.json();
    assertMatchesSchema("basic-error", body);
    expect(body).toMatchObject({ message: "Requires authentication", status: "401" });
  });
});

describe("workflow dispatch and runs", () => {
  it("dispatches with return_run_details (200 with the run) and follows the run to completion", async () => {
    const dispatched = await octokit.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
      owner,
      repo,
      workflow_id: "maintenance.yml",
      ref: "main",
      inputs: { environment: "test", mode: "enable" },
      return_run_details: true,
    });
    expect(dispatched.status).toBe(200);
    assertMatchesContract({ method: "post", path: "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", status: 200, body: dispatched.data });
    const runId = (dispatched.data as unknown as { workflow_run_id: number }).workflow_run_id;

    const queued = await octokit.actions.getWorkflowRun({ owner, repo, run_id: runId });
    expect(queued.data.status).toBe("queued");
    assertMatchesContract({ method: "get", path: RUN, status: 200, body: queued.data });

    const done = await completed(runId);
    assertMatchesContract({ method: "get", path: RUN, status: 200, body: done.data });
    expect(done.data).toMatchObject({ conclusion: "success", event: "workflow_dispatch", head_branch: "main", path: ".github/workflows/maintenance.yml", name: "Set maintenance mode", actor: { login: "dr-console-sandbox" } });
    const jobs = await octokit.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId });
    assertMatchesContract({ method: "get", path: `${RUN}/jobs`, status: 200, body: jobs.data });
    expect(jobs.data.jobs[0]?.steps?.map((s) => `${s.name}:${s.conclusion}`)).toEqual([
      "Set up job:success",
      "Checkout:success",
      "Enable or disable maintenance mode:success",
      "Complete job:success",
    ]);
    expect(await summaryOf(runId)).toContain("MAINTENANCE PAGE enabled!");
    expect(kubernetes.isInMaintenance("test")).toBe(true);
    const page = await fetch(done.data.html_url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Set maintenance mode #");
  });

  it("dispatches without return_run_details (204) and finds the run by workflow, branch, actor, event and created", async () => {
    const since = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const ada = new Octokit({ baseUrl: github.url, auth: "token-of-ada", log: quiet });
    const dispatched = await ada.actions.createWorkflowDispatch({ owner, repo, workflow_id: "maintenance.yml", ref: "main", inputs: { environment: "test", mode: "disable" } });
    expect(dispatched.status).toBe(204);
    const found = await ada.actions.listWorkflowRuns({ owner, repo, workflow_id: "maintenance.yml", branch: "main", actor: "ada-lovelace", event: "workflow_dispatch", created: `>=${since}` });
    assertMatchesContract({ method: "get", path: "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", status: 200, body: found.data });
    expect(found.data.total_count).toBe(1);
    const run = found.data.workflow_runs[0];
    expect(run?.actor?.login).toBe("ada-lovelace");
    await completed(run?.id ?? 0);
    expect(kubernetes.isInMaintenance("test")).toBe(false);
    const none = await ada.actions.listWorkflowRuns({ owner, repo, workflow_id: "maintenance.yml", actor: "someone-else" });
    expect(none.data.total_count).toBe(0);
    const succeeded = await ada.actions.listWorkflowRuns({ owner, repo, workflow_id: "maintenance.yml", status: "success" });
    expect(succeeded.data.total_count).toBe(2);
  });

  it("answers with the run whatever the flag from API version 2026-03-10", async () => {
    const res = await octokit.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
      owner,
      repo,
      workflow_id: "maintenance.yml",
      ref: "main",
      inputs: { environment: "preprod", mode: "disable" },
      headers: { "x-github-api-version": "2026-03-10" },
    });
    expect(res.status).toBe(200);
    expect(res.headers["x-github-api-version-selected"]).toBe("2026-03-10");
    await completed((res.data as unknown as { workflow_run_id: number }).workflow_run_id);
  });

  it("rejects inputs and refs as GitHub does", async () => {
    const dispatch = (inputs: Record<string, string>, ref = "main", workflow_id = "database-restore-ptr.yml") =>
      octokit.actions.createWorkflowDispatch({ owner, repo, workflow_id, ref, inputs }).catch((e: { status: number; message: string }) => e);
    expect(await dispatch({ environment: "test", "restore-time": "2026-01-01T00:00:00", colour: "blue" })).toMatchObject({ status: 422, message: expect.stringContaining('Unexpected inputs provided: ["colour"]') });
    expect(await dispatch({ environment: "test" })).toMatchObject({ status: 422, message: expect.stringContaining("Required input 'restore-time' not provided") });
    expect(await dispatch({ environment: "preproduction", "restore-time": "x" })).toMatchObject({ status: 422, message: expect.stringContaining("not in the list of allowed values") });
    expect(await dispatch({ environment: "preprod" }, "main", "database-backup.yml")).toMatchObject({ status: 422 });
    expect(await dispatch({ environment: "test", "restore-time": "x" }, "develop")).toMatchObject({ status: 422, message: expect.stringContaining("No ref found for: develop") });
    expect(await dispatch({}, "main", "deploy.yml")).toMatchObject({ status: 404 });
  });

  it("skips a production run without confirm-production: the job is skipped, nothing happens", async () => {
    const res = await octokit.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
      owner,
      repo,
      workflow_id: "database-restore-ptr.yml",
      ref: "main",
      inputs: { environment: "production", "restore-time": new Date(Date.now() - 15 * 60_000).toISOString().slice(0, 19) },
      return_run_details: true,
    });
    const runId = (res.data as unknown as { workflow_run_id: number }).workflow_run_id;
    const done = await completed(runId);
    expect(done.data.conclusion).toBe("skipped");
    const jobs = await octokit.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId });
    assertMatchesContract({ method: "get", path: `${RUN}/jobs`, status: 200, body: jobs.data });
    expect(jobs.data.jobs[0]).toMatchObject({ name: "PTR Restore AKS Database", status: "completed", conclusion: "skipped", steps: [] });
    expect(await sandbox.context.serverDatabaseUrl("s189p01-aytq-pd-pg-ptr")).toBeUndefined();
  });

  it("queues runs of one concurrency group (deploy_<env>): one runs, the next waits pending, a newer pending one cancels it", async () => {
    sandbox.context.faults.set("github", { asyncOperationHangs: { count: 1 } });
    const dispatch = async () => {
      const res = await octokit.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
        owner,
        repo,
        workflow_id: "postgres-recover-deleted-db.yml",
        ref: "main",
        inputs: { environment: "test", "restore-time": "2026-01-01T00:00:00", "deleted-server": "s189t01-aytq-ts-pg" },
        return_run_details: true,
      });
      return (res.data as unknown as { workflow_run_id: number }).workflow_run_id;
    };
    const status = async (id: number) => (await octokit.actions.getWorkflowRun({ owner, repo, run_id: id })).data;
    const first = await dispatch();
    const until = Date.now() + 5000;
    while ((await status(first)).status !== "in_progress" && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const second = await dispatch();
    expect((await status(second)).status).toBe("pending");
    const third = await dispatch();
    expect(await status(second)).toMatchObject({ status: "completed", conclusion: "cancelled" });
    expect((await status(third)).status).toBe("pending");
    expect((await status(first)).status).toBe("in_progress");

    await octokit.actions.cancelWorkflowRun({ owner, repo, run_id: first });
    expect((await completed(first)).data.conclusion).toBe("cancelled");
    const last = await completed(third);
    // The server exists, so the recover workflow refuses to run (as the real action does).
    expect(last.data.conclusion).toBe("failure");
    expect(await logOf(third)).toContain("Postgres server 's189t01-aytq-ts-pg' already exists. Exiting...");
  });

  it("recover-deleted goes green as soon as curl sent the ReviveDropped PUT, whatever ARM answered", async () => {
    const res = await octokit.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
      owner,
      repo,
      workflow_id: "postgres-recover-deleted-db.yml",
      ref: "main",
      inputs: { environment: "test", "restore-time": "2026-01-01T00:00:00", "deleted-server": "s189t01-aytq-ts-pg-never-existed" },
      return_run_details: true,
    });
    const runId = (res.data as unknown as { workflow_run_id: number }).workflow_run_id;
    expect((await completed(runId)).data.conclusion).toBe("success");
    const log = await logOf(runId);
    expect(log).toContain("API_VERSION=2024-08-01");
    expect(log).toMatch(/"error"/);
    expect(sandbox.context.counters.all()).toEqual(expect.objectContaining({ "github:dispatch postgres-recover-deleted-db.yml": 4 }));
    expect(sandbox.context.counters.get("arm:PUT flexibleServers ReviveDropped")).toBe(1);

    const deleted = await octokit.actions.deleteWorkflowRun({ owner, repo, run_id: runId });
    expect(deleted.status).toBe(204);
    await expect(octokit.actions.getWorkflowRun({ owner, repo, run_id: runId })).rejects.toMatchObject({ status: 404 });
  });

  it("honours the fault switches: 429 with Retry-After, 500, connection reset", async () => {
    sandbox.context.faults.set("github", { tooManyRequests: { count: 1, retryAfterSeconds: 7 }, serverError: { count: 1 }, connectionReset: { count: 1 } });
    const reset = await fetch(`${github.url}/repos/${owner}/${repo}/actions/runs`, { headers: { authorization: "token x" } }).catch((e: Error) => e);
    expect(reset).toBeInstanceOf(Error);
    const tooMany = await octokit.actions.listWorkflowRunsForRepo({ owner, repo }).catch((e: { status: number; response: { headers: Record<string, string> } }) => e);
    expect(tooMany).toMatchObject({ status: 429 });
    expect((tooMany as { response: { headers: Record<string, string> } }).response.headers["retry-after"]).toBe("7");
    await expect(octokit.actions.listWorkflowRunsForRepo({ owner, repo })).rejects.toMatchObject({ status: 500 });
    await expect(octokit.actions.listWorkflowRunsForRepo({ owner, repo })).resolves.toMatchObject({ status: 200 });
  });
});
