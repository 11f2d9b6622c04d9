import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultSettings, StandIn } from "../../sandbox/faults";
import type { ApiClient } from "./support/api-client";
import { openIncident, stepAction, waitForStep } from "./support/drill-driver";
import { faultKit } from "./support/fault-kit";
import { kubernetesOperator } from "./support/kubernetes-operator";
import { proofsEnabled } from "./support/proof-env";
import { startFileProofStack, PROOF_STACK_TIMEOUT_MS, type ProofStack } from "./support/proof-stack";

/**
 * Issue 9, item 3 (operations and health). A Scenario 2 drill through the production console in which long-running
 * operations fail or never end (a GitHub workflow, an Azure restore, a Kubernetes rollout) and the apps' health pages
 * answer 429, 500 or drop the connection: every failure is shown on its step, in words, and the step is retried
 * (after the operator unsticks what a person would: cancels the stuck run, restarts the rollout); a hung operation
 * keeps its step running and shows what was last seen, until the step's time limit ends it. The drill completes.
 */

const LIVE = "s189t01-aytq-ts-pg";
let stack: ProofStack;
let api: ApiClient;

describe.runIf(proofsEnabled())("failing and hanging operations, unhealthy apps", () => {
  beforeAll(async () => {
    stack = await startFileProofStack();
    api = stack.api("lead");
  }, PROOF_STACK_TIMEOUT_MS);
  afterAll(() => stack?.stop());

  it("a Scenario 2 drill through failing and hanging operations (GitHub, Azure, Kubernetes) and unhealthy apps: each failure shown and retryable, the drill completes", async () => {
    const { act, cancelRun, expectNothingHidden, expectTaken, timeLimitPasses, viewOf, waitTaken } = faultKit(stack, api);
    const log: string[] = [];
    const incident = await openIncident(api, { scenario: "loss-of-data", environment: "test", mode: "drill" });
    const id = incident.id;
    const ok = async (stepId: string, body: Parameters<typeof stepAction>[3] = { action: "start" }) => {
      const step = await act(id, stepId, body);
      expect(step.state, `${stepId}: ${step.error}`).toBe("succeeded");
      await expectNothingHidden(id);
    };
    const failsThenRetried = async (stepId: string, standIn: StandIn, fault: FaultSettings, body: Parameters<typeof stepAction>[3], retryBody: Parameters<typeof stepAction>[3] = { action: "retry" }) => {
      await stack.control.setFault(standIn, fault);
      const failed = await act(id, stepId, body);
      expect(failed.state, `${stepId} under ${JSON.stringify(fault)}`).toBe("failed");
      await expectTaken(standIn);
      await expectNothingHidden(id);
      log.push(`${standIn.padEnd(10)} ${JSON.stringify(fault).padEnd(40)} ${stepId}: failed ("${failed.error}"), retried`);
      await stack.control.setFault(standIn, {});
      await ok(stepId, retryBody);
    };
    /**
     * An operation that never ends (or a rollout that hangs without saying so to the API): the step stays running and
     * shows what it last saw; when its time limit passes it fails and says so; the operator unsticks the system (cancels
     * the run, restarts the rollout) and the step is retried.
     */
    const stuckThenRetried = async (o: {
      stepId: string; standIn: StandIn; fault: FaultSettings; body: Parameters<typeof stepAction>[3];
      beforeRetry?: () => Promise<void>; label?: string;
    }) => {
      await stack.control.setFault(o.standIn, o.fault);
      await act(id, o.stepId, o.body, (s) => s.state !== "running" || (["running", "verifying"].includes(s.operation?.status ?? "") && (s.operation?.lastDetail ?? "") !== ""));
      await waitTaken(o.standIn);
      // Longer than the operation takes when nothing is wrong (seconds in the sandbox): it is stuck, and says so.
      await new Promise((r) => setTimeout(r, 3000));
      const still = (await viewOf(id)).steps.find((s) => s.id === o.stepId)!;
      expect(still.state, `${o.stepId} under ${JSON.stringify(o.fault)} stays running`).toBe("running");
      expect(still.operation!.lastDetail, "and shows what was last seen").toBeTruthy();
      await expectNothingHidden(id);
      await timeLimitPasses(still.operation!.id);
      const failed = await waitForStep({ api, incidentId: id, stepId: o.stepId, timeoutMs: 60_000 });
      expect(failed.state).toBe("failed");
      expect(failed.error).toMatch(/time limit/);
      await expectNothingHidden(id);
      log.push(`${o.standIn.padEnd(10)} ${(o.label ?? JSON.stringify(o.fault)).padEnd(40)} ${o.stepId}: running, shown ("${still.operation!.lastDetail}"), failed at its time limit, retried`);
      if (still.operation!.system === "github" && still.operation!.externalId) await cancelRun(still.operation!.externalId);
      await stack.control.setFault(o.standIn, {});
      await o.beforeRetry?.();
    };

    const operator = kubernetesOperator({ kubeconfigFile: stack.sandbox.endpoints.kubernetes!.kubeconfigFile });
    await ok("stop-service");
    await ok("start-incident-process", { action: "confirm" });
    await ok("freeze-pipeline");
    await failsThenRetried("backup-flawed-database", "github", { asyncOperationFails: { count: 1 } }, { action: "start" });
    const point = { restorePoint: { time: DateTime.utc().minus({ minutes: 10 }).toISO(), zone: "utc" } };
    // Azure fails the restore: the workflow fails, so does the step; then Azure never finishes one (a new name is
    // needed after that, as the runbook says: the hung copy holds the name).
    await failsThenRetried("restore-point-in-time", "arm", { asyncOperationFails: { count: 1 } }, { action: "start", inputs: { ...point, newServer: `${LIVE}-ptr` } }, {
      action: "retry",
      inputs: { ...point, newServer: `${LIVE}-ptr` },
    });
    await stuckThenRetried({ stepId: "restore-point-in-time", standIn: "arm", fault: { asyncOperationHangs: { count: 1 } }, body: { action: "retry", inputs: { ...point, newServer: `${LIVE}-ptr2` } } });
    await ok("restore-point-in-time", { action: "retry", inputs: { ...point, newServer: `${LIVE}-ptr3` } });
    await ok("validate-data", { action: "confirm", inputs: { decision: "restore-from-this-copy", findings: "Compared: the copy holds the lost rows." } });
    await stuckThenRetried({ stepId: "upload-restored-database", standIn: "github", fault: { asyncOperationHangs: { count: 1 } }, body: { action: "start" } });
    await ok("upload-restored-database", { action: "retry" });
    await ok("restore-into-live");
    // Kubernetes: a scale-up whose new pods never start misses its progress deadline. Kubernetes says so
    // (Progressing=False, ProgressDeadlineExceeded) and the step fails at once with that reason and what to look at,
    // rather than at its time limit. Then the operator restarts the rollout (kubectl rollout restart) into one that
    // hangs without saying so to the API: the step, retried, shows "0/N ready" until its time limit; the operator
    // restarts the rollout again and the step is retried.
    await stack.control.setFault("kubernetes", { asyncOperationFails: { count: 2 } });
    const stalled = await act(id, "restart-applications", { action: "start" });
    expect(stalled.state).toBe("failed");
    expect(stalled.error).toMatch(/missed its progress deadline \(.+has timed out progressing\..*\).*then retry this step\.$/);
    await expectTaken("kubernetes");
    await expectNothingHidden(id);
    log.push(`kubernetes ${'{"asyncOperationFails":{"count":2}}'.padEnd(40)} restart-applications: failed at the progress deadline ("${stalled.error}"), retried`);
    await stack.control.setFault("kubernetes", { asyncOperationHangs: { count: 2 } });
    await operator.rolloutRestart();
    await stuckThenRetried({
      stepId: "restart-applications", standIn: "kubernetes", fault: {}, label: '{"asyncOperationHangs":{"count":2}} (rollout)', body: { action: "retry" },
      beforeRetry: () => operator.rolloutRestart(),
    });
    await ok("restart-applications", { action: "retry" });

    // The apps' health pages answer 429, then 500, then drop the connection: the check fails and is made again,
    // each failure shown on the step, until the apps answer and it passes.
    await stack.control.setFault("services", { tooManyRequests: { count: 100_000, retryAfterSeconds: 1 } });
    let switched = Date.now();
    await stepAction(api, id, "validate-app", { action: "start" });
    for (const [name, next] of [
      ["429 Too Many Requests", { serverError: { count: 100_000 } }],
      ["500 Internal Server Error", { connectionReset: { count: 100_000 } }],
      ["connection reset", { latencyMs: 1500 }],
    ] as [string, FaultSettings][]) {
      const checkedSince = switched;
      const seen = await waitForStep({
        api, incidentId: id, stepId: "validate-app", timeoutMs: 90_000,
        until: (s) => s.state !== "running" || (s.operation?.lastCheckedAt ? Date.parse(s.operation.lastCheckedAt.utc) > checkedSince + 200 : false),
      });
      expect(seen.state, `validate-app while the health pages answer ${name}`).toBe("running");
      expect(seen.operation!.lastDetail).toBeTruthy();
      log.push(`services   ${name.padEnd(40)} validate-app: check failed, shown ("${seen.operation!.lastDetail}"), checked again`);
      await expectNothingHidden(id);
      await stack.control.setFault("services", next);
      switched = Date.now();
    }
    const validated = await waitForStep({ api, incidentId: id, stepId: "validate-app", timeoutMs: 90_000 });
    expect(validated.state, `validate-app: ${validated.error}`).toBe("succeeded");
    log.push("services   latency 1.5 s                                validate-app: succeeded");
    await stack.control.clearFaults();
    await ok("unfreeze-pipeline");
    console.info(log.join("\n"));
  }, 12 * 60_000);
});
