import { Hono, type Context } from "hono";
import type { OperationCounters } from "../faults";
import type { GithubEnv } from "./create-api";
import { docs, githubError } from "./github-error";
import type { RepositoryRecord, RepositoryStore } from "./repositories";
import { jobJson, runHtmlUrl, simpleUser, workflowJson, workflowRunJson, type Urls } from "./representation";
import { parseCreatedFilter } from "./runs/parse-created-filter";
import { RunNotCancellableError, type RunEngine } from "./runs/run-engine";
import type { RunRecord } from "./runs/run-record";
import { renderRunPage } from "./run-page";
import { findWorkflow, workflows } from "./workflows/registry";
import type { WorkflowDefinition } from "./workflows/workflow-definition";

/**
 * GitHub Actions: workflows, workflow dispatch (with and without `return_run_details`), runs (list with filters,
 * get, cancel), jobs, and sandbox extras: a run's step summary (`GET .../actions/runs/{id}/summary`, markdown), its
 * log (`GET .../actions/runs/{id}/sandbox-log`), a scheduled run on demand (`POST
 * .../actions/workflows/{id}/sandbox-schedule`), and the html_url pages (`/{owner}/{repo}/actions/runs/{id}`).
 */

type C = Context<GithubEnv>;

export interface ActionsRoutesOptions {
  repositories: RepositoryStore;
  engine: RunEngine;
  counters: OperationCounters;
  urls: () => Urls;
}

class DispatchRejected extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** GitHub's validation of `inputs` against the workflow's `on.workflow_dispatch.inputs`. */
function resolveInputs(workflow: WorkflowDefinition, given: unknown): Record<string, string> {
  if (given !== undefined && (typeof given !== "object" || given === null || Array.isArray(given))) {
    throw new DispatchRejected(422, "Invalid request.\n\nFor 'properties/inputs', it is not an object.");
  }
  const values = (given ?? {}) as Record<string, unknown>;
  if (Object.keys(values).length > 25) throw new DispatchRejected(422, "Invalid request.\n\nFor 'properties/inputs', it has more than 25 properties.");
  const unexpected = Object.keys(values).filter((k) => !(k in workflow.inputs));
  if (unexpected.length > 0) throw new DispatchRejected(422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
  const out: Record<string, string> = {};
  for (const [name, input] of Object.entries(workflow.inputs)) {
    const raw = values[name];
    if (raw !== undefined && raw !== null && typeof raw === "object") throw new DispatchRejected(422, `Invalid value for input '${name}'`);
    // Booleans and numbers arrive as their text, as the workflow's `inputs` context holds every value as a string.
    const value = raw === undefined || raw === null ? undefined : String(raw);
    if (value === undefined && input.required && input.default === undefined) throw new DispatchRejected(422, `Required input '${name}' not provided`);
    const resolved = value ?? input.default ?? "";
    if (value !== undefined && input.type === "choice" && input.options && !input.options.includes(value)) {
      throw new DispatchRejected(422, `Provided value '${value}' for input '${name}' not in the list of allowed values`);
    }
    out[name] = resolved;
  }
  return out;
}

function runFilters(c: C, repository: RepositoryRecord, workflow: WorkflowDefinition | undefined): ((run: RunRecord) => boolean) | undefined {
  const q = (k: string) => c.req.query(k);
  const created = q("created") ? parseCreatedFilter(q("created") as string) : () => true;
  if (!created) return undefined;
  const status = q("status");
  const checkSuite = q("check_suite_id");
  return (run) =>
    run.owner === repository.owner &&
    run.repo === repository.repo &&
    (!workflow || run.workflow.id === workflow.id) &&
    (!q("actor") || run.actor.toLowerCase() === q("actor")?.toLowerCase()) &&
    (!q("branch") || run.headBranch === q("branch")) &&
    (!q("event") || run.event === q("event")) &&
    (!status || run.status === status || run.conclusion === status) &&
    (!q("head_sha") || run.headSha === q("head_sha")) &&
    (!checkSuite || String(run.id * 2) === checkSuite) &&
    created(run.createdAt);
}

function paginate<T>(c: C, items: T[]): { page: T[]; link?: string } {
  const perPage = Math.min(100, Math.max(1, Number(c.req.query("per_page") ?? 30) || 30));
  const pageNumber = Math.max(1, Number(c.req.query("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const page = items.slice((pageNumber - 1) * perPage, pageNumber * perPage);
  const url = new URL(c.req.url);
  const at = (n: number) => {
    url.searchParams.set("page", String(n));
    url.searchParams.set("per_page", String(perPage));
    return `<${url.toString()}>`;
  };
  const links: string[] = [];
  if (pageNumber > 1) links.push(`${at(pageNumber - 1)}; rel="prev"`, `${at(1)}; rel="first"`);
  if (pageNumber < last) links.push(`${at(pageNumber + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  return { page, link: links.length > 0 ? links.join(", ") : undefined };
}

export function actionsRoutes(options: ActionsRoutesOptions): Hono<GithubEnv> {
  const { repositories, engine, counters } = options;
  const routes = new Hono<GithubEnv>();

  const repositoryOf = (c: C) => repositories.find(c.req.param("owner") ?? "", c.req.param("repo") ?? "");
  const runOf = (c: C, repository: RepositoryRecord) => {
    const run = engine.get(Number(c.req.param("run_id")));
    return run && run.owner === repository.owner && run.repo === repository.repo ? run : undefined;
  };

  routes.get("/user", (c) => c.json({ ...simpleUser(options.urls(), c.get("actor")), name: c.get("actor"), company: "Department for Education" }));

  routes.get("/repos/:owner/:repo/actions/workflows", (c) => {
    const r = repositoryOf(c);
    if (!r) return githubError({ status: 404, message: "Not Found" });
    return c.json({ total_count: workflows.length, workflows: workflows.map((w) => workflowJson(options.urls(), r.owner, r.repo, w)) });
  });

  routes.get("/repos/:owner/:repo/actions/workflows/:workflow_id", (c) => {
    const r = repositoryOf(c);
    const w = findWorkflow(c.req.param("workflow_id"));
    if (!r || !w) return githubError({ status: 404, message: "Not Found" });
    return c.json(workflowJson(options.urls(), r.owner, r.repo, w));
  });

  routes.post("/repos/:owner/:repo/actions/workflows/:workflow_id/dispatches", async (c) => {
    const r = repositoryOf(c);
    const workflow = findWorkflow(c.req.param("workflow_id"));
    if (!r || !workflow) return githubError({ status: 404, message: "Not Found", documentationUrl: docs.dispatch });
    counters.increment(`github:dispatch ${workflow.file}`);
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse((await c.req.text()) || "null");
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
      body = parsed as Record<string, unknown>;
    } catch {
      return githubError({ status: 400, message: "Problems parsing JSON", documentationUrl: docs.dispatch });
    }
    try {
      if (typeof body.ref !== "string") throw new DispatchRejected(422, "Invalid request.\n\n\"ref\" wasn't supplied.");
      const ref = body.ref.replace(/^refs\/heads\//, "");
      if (ref !== r.defaultBranch) throw new DispatchRejected(422, `No ref found for: ${body.ref}`);
      if (body.return_run_details !== undefined && typeof body.return_run_details !== "boolean") {
        throw new DispatchRejected(422, "Invalid request.\n\nFor 'properties/return_run_details', it is not a boolean.");
      }
      const inputs = resolveInputs(workflow, body.inputs);
      const run = engine.dispatch({ owner: r.owner, repo: r.repo, service: r.service, workflow, inputs, actor: c.get("actor"), ref, headSha: r.headSha, event: "workflow_dispatch" });
      // From API version 2026-03-10 the dispatch always answers with the run; before it, only when asked.
      if (body.return_run_details === true || c.get("apiVersion") === "2026-03-10") {
        return c.json({ workflow_run_id: run.id, run_url: `${options.urls().api}/repos/${r.owner}/${r.repo}/actions/runs/${run.id}`, html_url: runHtmlUrl(options.urls(), run) }, 200);
      }
      return c.body(null, 204);
    } catch (error) {
      if (error instanceof DispatchRejected) return githubError({ status: error.status, message: error.message, documentationUrl: docs.dispatch });
      throw error;
    }
  });

  routes.post("/repos/:owner/:repo/actions/workflows/:workflow_id/sandbox-schedule", (c) => {
    const r = repositoryOf(c);
    const workflow = findWorkflow(c.req.param("workflow_id"));
    if (!r || !workflow) return githubError({ status: 404, message: "Not Found" });
    if (!workflow.scheduleUtc) return githubError({ status: 422, message: `${workflow.file} has no schedule` });
    counters.increment(`github:schedule ${workflow.file}`);
    const run = engine.dispatch({ owner: r.owner, repo: r.repo, service: r.service, workflow, inputs: {}, actor: "github-actions[bot]", ref: r.defaultBranch, headSha: r.headSha, event: "schedule" });
    return c.json(workflowRunJson(options.urls(), run), 201);
  });

  const listRuns = (c: C, workflow: WorkflowDefinition | undefined) => {
    const r = repositoryOf(c);
    if (!r) return githubError({ status: 404, message: "Not Found", documentationUrl: docs.listRuns });
    const filter = runFilters(c, r, workflow);
    const matching = filter ? engine.all().filter(filter) : [];
    const { page, link } = paginate(c, matching);
    if (link) c.header("link", link);
    return c.json({ total_count: matching.length, workflow_runs: page.map((run) => workflowRunJson(options.urls(), run)) });
  };
  routes.get("/repos/:owner/:repo/actions/workflows/:workflow_id/runs", (c) => {
    const workflow = findWorkflow(c.req.param("workflow_id"));
    if (!workflow) return githubError({ status: 404, message: "Not Found", documentationUrl: docs.listRuns });
    return listRuns(c, workflow);
  });
  routes.get("/repos/:owner/:repo/actions/runs", (c) => listRuns(c, undefined));

  routes.get("/repos/:owner/:repo/actions/runs/:run_id", (c) => {
    const r = repositoryOf(c);
    const run = r && runOf(c, r);
    if (!run) return githubError({ status: 404, message: "Not Found", documentationUrl: docs.getRun });
    return c.json(workflowRunJson(options.urls(), run));
  });

  routes.delete("/repos/:owner/:repo/actions/runs/:run_id", (c) => {
    const r = repositoryOf(c);
    const run = r && runOf(c, r);
    if (!run) return githubError({ status: 404, message: "Not Found", documentationUrl: docs.deleteRun });
    counters.increment(`github:delete-run ${run.workflow.file}`);
    if (run.status !== "completed") return githubError({ status: 403, message: "Cannot delete a workflow run that is not completed.", documentationUrl: docs.deleteRun });
    engine.remove(run.id);
    return c.body(null, 204);
  });

  routes.get("/repos/:owner/:repo/actions/runs/:run_id/jobs", (c) => {
    const r = repositoryOf(c);
    const run = r && runOf(c, r);
    if (!run) return githubError({ status: 404, message: "Not Found", documentationUrl: docs.listJobs });
    const { page, link } = paginate(c, [run.job]);
    if (link) c.header("link", link);
    return c.json({ total_count: 1, jobs: page.map((job) => jobJson(options.urls(), run, job)) });
  });

  routes.get("/repos/:owner/:repo/actions/jobs/:job_id", (c) => {
    const r = repositoryOf(c);
    const run = r && engine.all().find((x) => x.job.id === Number(c.req.param("job_id")) && x.owner === r.owner && x.repo === r.repo);
    if (!run) return githubError({ status: 404, message: "Not Found" });
    return c.json(jobJson(options.urls(), run, run.job));
  });

  routes.post("/repos/:owner/:repo/actions/runs/:run_id/cancel", (c) => {
    const r = repositoryOf(c);
    const run = r && runOf(c, r);
    if (!run) return githubError({ status: 404, message: "Not Found", documentationUrl: docs.cancelRun });
    counters.increment(`github:cancel ${run.workflow.file}`);
    try {
      engine.cancel(run.id);
    } catch (error) {
      if (error instanceof RunNotCancellableError) return githubError({ status: 409, message: error.message, documentationUrl: docs.cancelRun });
      throw error;
    }
    return c.json({}, 202);
  });

  routes.get("/repos/:owner/:repo/actions/runs/:run_id/summary", (c) => {
    const r = repositoryOf(c);
    const run = r && runOf(c, r);
    if (!run) return githubError({ status: 404, message: "Not Found" });
    return c.body(run.summary.map((l) => `${l}\n`).join(""), 200, { "content-type": "text/markdown; charset=utf-8" });
  });

  routes.get("/repos/:owner/:repo/actions/runs/:run_id/sandbox-log", (c) => {
    const r = repositoryOf(c);
    const run = r && runOf(c, r);
    if (!run) return githubError({ status: 404, message: "Not Found" });
    return c.body(run.log.map((l) => `${l}\n`).join(""), 200, { "content-type": "text/plain; charset=utf-8" });
  });

  return routes;
}

/** The html_url pages (served without a token, as github.com pages are to a signed-in person). */
export function runPageRoutes(options: ActionsRoutesOptions): Hono<GithubEnv> {
  const routes = new Hono<GithubEnv>();
  const page = (c: C) => {
    const r = options.repositories.find(c.req.param("owner") ?? "", c.req.param("repo") ?? "");
    const run = r && options.engine.get(Number(c.req.param("run_id")));
    if (!run || run.owner !== r?.owner) return c.text("Not Found", 404);
    return c.html(renderRunPage(run));
  };
  routes.get("/:owner/:repo/actions/runs/:run_id", page);
  routes.get("/:owner/:repo/actions/runs/:run_id/job/:job_id", page);
  return routes;
}
