import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnvironment, getService } from "../catalogue/catalogue";
import { IntegrationError } from "../errors";
import { judgeRun, setRequiredApprovals } from "../engine/operations/github";
import { isRolledOut, scaleDeployments } from "../engine/operations/kubernetes";
import { runVerification } from "../engine/run-verification";
import type { IntegrationPorts } from "../engine/ports";
import type { WorkflowRun } from "./github/port";
import { parseHealthText } from "./health/parse-health";
import { startSandboxHarness, type SandboxHarness } from "./testing/sandbox-harness";

/**
 * The real GitHub (Octokit + plugin-retry/plugin-throttling), Kubernetes (@kubernetes/client-node) and health (fetch)
 * adapters against the sandbox's stand-ins, chosen by configuration alone.
 */

const service = getService("aytq");
const test = getEnvironment("aytq", "test");
const production = getEnvironment("aytq", "production");
const repo = { owner: service.repository.owner, repo: service.repository.repo };
const main = { ...repo, branch: service.repository.branch };
let h: SandboxHarness;
/** Runs this file has already seen, as the engine's operation records would claim them. */
const recorded = new Set<number>();
const isRunClaimed = async (runId: number) => recorded.has(runId);

beforeAll(async () => {
  h = await startSandboxHarness({ nights: 0, isRunClaimed });
});
afterAll(async () => {
  await h?.stop();
});

async function rejection(promise: Promise<unknown>): Promise<IntegrationError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(IntegrationError);
  return error as IntegrationError;
}

async function completed(ports: IntegrationPorts, runId: number, limitMs = 30_000): Promise<WorkflowRun> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const run = await ports.github.getWorkflowRun({ ...repo, runId });
    if (run.status === "completed") return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} is still ${run.status}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const noProgress = { progress: {}, saveProgress: async () => undefined };

describe("GitHub", () => {
  it("freezes (remembering the approvals it found) and unfreezes to what was remembered", async () => {
    await h.ports.github.setRequiredApprovals({ ...main, count: 2 });
    const frozen = await setRequiredApprovals.send!({
      request: { kind: "github.set-required-approvals", repository: repo, branch: main.branch, count: 6 }, ports: h.ports, idempotencyKey: "g-1", notBefore: new Date().toISOString(), ...noProgress,
    });
    expect(frozen.outputs).toEqual({ previous: 2, count: 6 });
    expect(await h.ports.github.getRequiredApprovals(main)).toBe(6);
    await setRequiredApprovals.send!({
      request: { kind: "github.set-required-approvals", repository: repo, branch: main.branch, count: (frozen.outputs as { previous: number }).previous }, ports: h.ports, idempotencyKey: "g-2", notBefore: new Date().toISOString(), ...noProgress,
    });
    expect(await h.ports.github.getRequiredApprovals(main)).toBe(2);
  });

  it("gets through 429s: plugin-throttling waits the Retry-After, then succeeds", async () => {
    await h.control("PUT", "/faults/github", { tooManyRequests: { count: 2, retryAfterSeconds: 1 } });
    const t0 = Date.now();
    expect(await h.ports.github.getRequiredApprovals(main)).toBe(2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1_900);
    await h.control("PUT", "/faults/github", { serverError: { count: 30 } });
    const down = await rejection(h.portsWith({ INTEGRATION_MAX_RETRIES: "1" }).github.getRequiredApprovals(main));
    expect(down).toMatchObject({ retryable: true, options: { status: 500, requestId: expect.any(String) } });
    await h.control("DELETE", "/faults/github");
  });

  it("dispatches with the real input names, gets the run id from return_run_details, follows it to its URL and conclusion; the same key adopts it", async () => {
    const notBefore = new Date().toISOString();
    const args = { ...repo, workflowFile: "maintenance.yml", ref: "main", inputs: { environment: "test", mode: "disable" }, idempotencyKey: "incident-9:maintenance:1", notBefore };
    const dispatched = await h.ports.github.dispatchWorkflow(args);
    expect(dispatched).toMatchObject({ runId: expect.any(Number), adopted: false, url: expect.stringContaining(`/actions/runs/${dispatched.runId}`) });
    // A console that crashed after dispatching: fresh adapters, the same key and notBefore find the run.
    // (The crash came before the run was recorded: no operation claims it yet.)
    const afterCrash = await h.portsWith({}).github.dispatchWorkflow(args);
    expect(afterCrash).toMatchObject({ runId: dispatched.runId, adopted: true });
    // Once recorded, another operation's dispatch never adopts it.
    recorded.add(dispatched.runId);
    const other = await h.portsWith({}).github.dispatchWorkflow({ ...args, idempotencyKey: "incident-9:maintenance:2" });
    expect(other).toMatchObject({ adopted: false });
    expect(other.runId).not.toBe(dispatched.runId);
    recorded.add(other.runId);
    expect((await h.counters())["github:dispatch maintenance.yml"]).toBe(2);
    const [run] = await Promise.all([completed(h.ports, dispatched.runId), completed(h.ports, other.runId)]);
    expect(run).toMatchObject({ id: dispatched.runId, conclusion: "success", url: dispatched.url, jobs: [{ name: "Set maintenance mode", conclusion: "success" }] });
    expect(judgeRun(run)).toEqual({ ok: true });
  });

  it("finds the run by workflow, branch, actor and time when the dispatch gives no run details (configured off)", async () => {
    const ports = h.portsWith({ GITHUB_RETURN_RUN_DETAILS: "false" });
    const dispatched = await ports.github.dispatchWorkflow({ ...repo, workflowFile: "maintenance.yml", ref: "main", inputs: { environment: "test", mode: "disable" }, idempotencyKey: "incident-9:maintenance:3", notBefore: new Date().toISOString() });
    expect(dispatched.adopted).toBe(false);
    expect(recorded.has(dispatched.runId)).toBe(false);
    recorded.add(dispatched.runId);
    const run = await completed(ports, dispatched.runId);
    expect(run.conclusion).toBe("success");
    expect((await h.counters())["github:dispatch maintenance.yml"]).toBe(3);
  });

  it("reports a failing workflow, and a production run whose job was skipped as a failure that says why", async () => {
    await h.control("PUT", "/faults/github", { asyncOperationFails: { count: 1 } });
    const failing = await h.ports.github.dispatchWorkflow({ ...repo, workflowFile: "maintenance.yml", ref: "main", inputs: { environment: "test", mode: "disable" }, idempotencyKey: "f-1", notBefore: new Date().toISOString() });
    recorded.add(failing.runId);

    const skipped = await h.ports.github.dispatchWorkflow({
      ...repo, workflowFile: "database-restore-ptr.yml", ref: "main",
      inputs: { environment: "production", "confirm-production": "false", "restore-time": "2026-01-01T00:00:00" }, idempotencyKey: "s-1", notBefore: new Date().toISOString(),
    });
    recorded.add(skipped.runId);
    const [failed, run] = await Promise.all([completed(h.ports, failing.runId), completed(h.ports, skipped.runId)]);
    await h.control("DELETE", "/faults/github");
    expect(failed.conclusion).toBe("failure");
    expect(judgeRun(failed)).toEqual({ ok: false, error: expect.stringMatching(/ended "failure"\. See its log: .*\/actions\/runs\//) });
    expect(run.jobs[0]?.conclusion).toBe("skipped");
    expect(judgeRun(run)).toEqual({ ok: false, error: expect.stringMatching(/went green but did nothing: job "PTR Restore AKS Database" was skipped \(in production the confirm-production input must be "true"\)/) });
  });

  it("refuses an input the workflow does not declare, with GitHub's message and request id", async () => {
    const error = await rejection(h.ports.github.dispatchWorkflow({ ...repo, workflowFile: "maintenance.yml", ref: "main", inputs: { environment: "test", mode: "disable", colour: "red" }, idempotencyKey: "bad-1", notBefore: new Date().toISOString() }));
    expect(error.message).toMatch(/GitHub refused to dispatch maintenance\.yml \(HTTP 422\): Unexpected inputs provided: \["colour"\]/);
    expect(error.options.requestId).toEqual(expect.any(String));
  });
});

describe("Kubernetes", () => {
  const web = { namespace: test.kubernetes.namespace, name: test.kubernetes.web.name };
  const worker = { namespace: test.kubernetes.namespace, name: test.kubernetes.worker.name };

  it("reads deployments, scales web and worker to 0 recording their replicas, and back to what was recorded", async () => {
    expect(await h.ports.kubernetes.getDeployment(web)).toMatchObject({ ...web, replicas: 1, readyReplicas: 1 });
    expect(await h.ports.kubernetes.getDeployment({ namespace: "tra-test", name: "nothing" })).toBeNull();
    await h.ports.kubernetes.scaleDeployment({ ...web, replicas: 2 });
    const stop = { kind: "kubernetes.scale" as const, deployments: [{ ...web, replicas: 0 }, { ...worker, replicas: 0 }] };
    const sent = await scaleDeployments.send!({ request: stop, ports: h.ports, idempotencyKey: "k-1", notBefore: new Date().toISOString(), ...noProgress });
    expect(sent.outputs).toEqual({ previous: { [web.name]: 2, [worker.name]: 1 } });
    await until(async () => (await scaleDeployments.poll!({ request: stop, ports: h.ports, pollerState: {}, externalId: null, progress: sent.outputs! })).status === "succeeded");

    const previous = (sent.outputs as { previous: Record<string, number> }).previous;
    const back = { kind: "kubernetes.scale" as const, deployments: [{ ...web, replicas: previous[web.name]! }, { ...worker, replicas: previous[worker.name]! }] };
    await scaleDeployments.send!({ request: back, ports: h.ports, idempotencyKey: "k-2", notBefore: new Date().toISOString(), ...noProgress });
    await until(async () => (await runVerification({ spec: { kind: "deployments-scaled", deployments: back.deployments }, ports: h.ports })).passed);
    expect(await h.ports.kubernetes.getDeployment(web)).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
  });

  it("restarts a deployment and waits until it is rolled out", async () => {
    const before = await h.ports.kubernetes.getDeployment(worker);
    await h.ports.kubernetes.restartDeployment({ ...worker, restartedAt: new Date().toISOString() });
    await until(async () => {
      const d = await h.ports.kubernetes.getDeployment(worker);
      return d !== null && d.generation > before!.generation && isRolledOut(d);
    });
  });

  it("rides out the API being down (cut connections, 429, 500s) and works again once it is back", async () => {
    await h.control("PUT", "/faults/kubernetes", { connectionReset: { count: 2 }, tooManyRequests: { count: 1, retryAfterSeconds: 1 } });
    expect(await h.ports.kubernetes.getDeployment(web)).toMatchObject({ replicas: 2 });
    await h.control("PUT", "/faults/kubernetes", { serverError: { count: 100 } });
    const down = await rejection(h.portsWith({ INTEGRATION_MAX_RETRIES: "1" }).kubernetes.scaleDeployment({ ...web, replicas: 1 }));
    expect(down).toMatchObject({ retryable: true, options: { status: 500 } });
    expect(down.message).toMatch(/The Kubernetes API refused to scale tra-test\/access-your-teaching-qualifications-test to 1 \(HTTP 500\): Internal error occurred/);
    await h.control("DELETE", "/faults/kubernetes");
    await h.ports.kubernetes.scaleDeployment({ ...web, replicas: 1 });
    await until(async () => (await h.ports.kubernetes.getDeployment(web))?.readyReplicas === 1);

    // A restart whose new pods never start: the old pod stays ready, so the rollout is not done; then it stalls.
    await h.control("PUT", "/faults/kubernetes", { asyncOperationFails: { count: 1 } });
    await h.ports.kubernetes.restartDeployment({ ...web, restartedAt: new Date(Date.now() + 1000).toISOString() });
    await until(async () => Boolean((await h.ports.kubernetes.getDeployment(web))?.stalled));
    const restarted = (await h.ports.kubernetes.getDeployment(web))!;
    expect(restarted).toMatchObject({ replicas: 1, readyReplicas: 1 });
    expect(isRolledOut(restarted)).toBe(false);
    await h.control("DELETE", "/faults/kubernetes");
    await h.ports.kubernetes.restartDeployment({ ...web, restartedAt: new Date(Date.now() + 2000).toISOString() });
    await until(async () => isRolledOut((await h.ports.kubernetes.getDeployment(web))!));
  });

  it("reports a rollout Kubernetes gave up on (ProgressDeadlineExceeded) as stalled, until a new rollout starts", async () => {
    await h.control("PUT", "/faults/kubernetes", { asyncOperationFails: { count: 1 } });
    await h.ports.kubernetes.scaleDeployment({ ...web, replicas: 2 });
    await until(async () => Boolean((await h.ports.kubernetes.getDeployment(web))?.stalled));
    expect((await h.ports.kubernetes.getDeployment(web))?.stalled).toMatch(/^ReplicaSet ".+" has timed out progressing\.$/);
    const stuck = await h.ports.kubernetes.getDeployment(web);
    expect(stuck).toMatchObject({ replicas: 2 });
    expect(stuck!.readyReplicas).toBeLessThan(2);
    await h.control("DELETE", "/faults/kubernetes");
    await h.ports.kubernetes.restartDeployment({ ...web, restartedAt: new Date().toISOString() });
    await until(async () => (await h.ports.kubernetes.getDeployment(web))?.readyReplicas === 2);
    expect(await h.ports.kubernetes.getDeployment(web)).toMatchObject({ stalled: null });
    await h.ports.kubernetes.scaleDeployment({ ...web, replicas: 1 });
    await until(async () => (await h.ports.kubernetes.getDeployment(web))?.readyReplicas === 1);
  });
});

describe("health", () => {
  it("parses /health/all.json per check for AYTQ and CTR; validate app passes when every required check passes for both", async () => {
    const report = await h.ports.health.checkHealth({ url: test.health.aytq! });
    expect(report).toMatchObject({ url: test.health.aytq, httpStatus: 200, passed: true });
    expect(report.checks.map((c) => c.name)).toEqual(expect.arrayContaining(["default", "database", "postgresql", "database_integrity", "version", "notify"]));
    expect(await runVerification({ spec: { kind: "health-passing", urls: test.health }, ports: h.ports })).toMatchObject({ passed: true, detail: "Every required health check passes for AYTQ and CTR." });
    // The text form the adapter falls back to, as the stand-in serves it.
    const text = await (await fetch(h.sandbox.endpoints.services!.healthUrls.test!.aytq!)).text();
    expect(parseHealthText(text)?.map((c) => [c.name, c.passed])).toEqual(report.checks.map((c) => [c.name, c.passed]));
  });

  it("fails validate app when some checks fail (a dropped table), naming them; the rest still pass", async () => {
    await h.control("POST", "/disasters/drop-table", { environment: "production", table: "qualifications" });
    const report = await h.ports.health.checkHealth({ url: production.health.ctr! });
    expect(report).toMatchObject({ httpStatus: 500, passed: false });
    expect(report.checks.find((c) => c.name === "database_integrity")).toMatchObject({ passed: false, optional: false });
    expect(report.checks.find((c) => c.name === "database")).toMatchObject({ passed: true });
    const verdict = await runVerification({ spec: { kind: "health-passing", urls: production.health }, ports: h.ports });
    expect(verdict.passed).toBe(false);
    expect(verdict.detail).toMatch(/^Failing health checks: AYTQ: database_integrity \(.+\); CTR: database_integrity \(.+\)\.$/);
  });

  it("fails validate app while the app is down (the ingress answers 503, no report)", async () => {
    const web = { namespace: test.kubernetes.namespace, name: test.kubernetes.web.name };
    await h.ports.kubernetes.scaleDeployment({ ...web, replicas: 0 });
    await until(async () => (await h.ports.health.checkHealth({ url: test.health.aytq! })).httpStatus === 503);
    expect(await runVerification({ spec: { kind: "health-passing", urls: test.health }, ports: h.ports })).toMatchObject({ passed: false, detail: "Failing health checks: AYTQ: HTTP 503; CTR: HTTP 503." });
    await h.ports.kubernetes.scaleDeployment({ ...web, replicas: 1 });
  });
});

async function until(check: () => Promise<boolean>, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 200));
  }
}
