import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncidentView, StepView } from "../../lib/incidents/incident-view";
import { expectOk } from "./support/api-client";
import { countRows } from "./support/count-rows";
import { openIncident, runPlan, scenario2Plan } from "./support/drill-driver";
import { externalWrites, SCENARIO_2_WRITES } from "./support/external-writes";
import { proofsEnabled } from "./support/proof-env";
import { startFileProofStack, PROOF_STACK_TIMEOUT_MS, type ProofStack } from "./support/proof-stack";

/**
 * Issue 9, item 2. A Scenario 2 drill through the production console (its standalone server) and the sandbox; at every point
 * where an external operation is in flight the console process is killed with SIGKILL (no clean-up code runs) and
 * started again on the same database and port. The drill still completes, the lost rows are back, and the sandbox's
 * counters show every external change made exactly once.
 */

const LIVE = "s189t01-aytq-ts-pg";
const PTR = `${LIVE}-ptr`;
const REPO = "DFE-Digital/access-your-teaching-qualifications";

interface Kill {
  stepId: string;
  /** The in-flight state it was killed in, as observed just before the kill. */
  observed: string;
}

let stack: ProofStack;

describe.runIf(proofsEnabled())("the console killed (SIGKILL) while operations are in flight", () => {
  beforeAll(async () => {
    stack = await startFileProofStack();
  }, PROOF_STACK_TIMEOUT_MS);
  afterAll(() => stack?.stop());

  it("completes a Scenario 2 drill, every external operation sent exactly once", async () => {
    const api = stack.api("lead");
    const kills: Kill[] = [];
    const githubUrl = stack.sandbox.endpoints.github!.url;

    const stepOf = async (incidentId: string, stepId: string): Promise<StepView> => {
      const view = expectOk(await api.get<IncidentView>(`/api/v1/incidents/${incidentId}`), "reading the incident");
      return view.steps.find((s) => s.id === stepId)!;
    };
    const runStatus = async (runId: string): Promise<string> => {
      const response = await fetch(`${githubUrl}/repos/${REPO}/actions/runs/${runId}`, { headers: { authorization: "token proofs" } });
      return ((await response.json()) as { status: string }).status;
    };
    const armOperation = async (server: string, kind: string) =>
      (await stack.control.state()).operations.find((o) => o.server === server && o.kind === kind && o.status === "InProgress");

    /** Waits for the in-flight condition, kills the console, starts it again. Fails if the step ended first. */
    const killWhen = async (incidentId: string, stepId: string, inFlight: (step: StepView) => Promise<string | null>) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const step = await stepOf(incidentId, stepId);
        if (step.state === "succeeded" || step.state === "failed") throw new Error(`${stepId} ended (${step.state}) before the console could be killed in flight`);
        const observed = await inFlight(step);
        if (observed) {
          const console = stack.consoles[0]!;
          await console.kill();
          kills.push({ stepId, observed });
          await stack.startConsole({ port: console.port, name: `console (after the kill in ${stepId})` });
          return;
        }
        if (Date.now() > deadline) throw new Error(`${stepId} never reached the in-flight state to kill it in; it is ${step.state}: ${JSON.stringify(step.operation)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    const sent = (step: StepView) => step.operation !== null && ["running", "verifying"].includes(step.operation.status);
    const inFlight: Record<string, (step: StepView) => Promise<string | null>> = {
      "stop-service": async (step) => (sent(step) ? `scale in progress: operation ${step.operation!.status}, "${step.operation!.lastDetail ?? ""}"` : null),
      "backup-flawed-database": async (step) => {
        if (!sent(step) || !step.operation!.externalId) return null;
        const status = await runStatus(step.operation!.externalId);
        return status === "queued" ? `workflow run ${step.operation!.externalId} queued` : null;
      },
      "restore-point-in-time": async (step) => {
        const op = sent(step) ? await armOperation(PTR, "pointInTimeRestore") : undefined;
        return op ? `point-in-time restore ${op.id} InProgress in Azure` : null;
      },
      "upload-restored-database": async (step) => {
        if (!sent(step) || !step.operation!.externalId) return null;
        const status = await runStatus(step.operation!.externalId);
        return status === "in_progress" ? `workflow run ${step.operation!.externalId} in progress` : null;
      },
      "validate-app": async (step) => (step.operation?.status === "verifying" ? `health check pending: "${step.operation.lastDetail ?? "first check in flight"}"` : null),
      "tidy-up": async (step) => {
        const op = sent(step) ? await armOperation(PTR, "delete") : undefined;
        return op ? `server deletion ${op.id} InProgress in Azure` : null;
      },
    };

    // The disaster, and a restore point before it.
    const restorePoint = DateTime.utc().minus({ minutes: 6 });
    const rowsBefore = await countRows(stack.control, LIVE);
    await stack.control.disaster("delete-rows", { environment: "test", table: "teachers", count: 5 });
    expect(await countRows(stack.control, LIVE)).toBe(rowsBefore - 5);
    await stack.control.resetCounters();

    const incident = await openIncident(api, { scenario: "loss-of-data", environment: "test", mode: "drill" });
    await runPlan({
      api,
      incidentId: incident.id,
      plan: scenario2Plan({ restorePointUtc: restorePoint.toISO()! }),
      // The health check made slow, so that it is still pending when the console dies.
      beforeAction: async (stepId) => {
        if (stepId === "validate-app") await stack.control.setFault("services", { latencyMs: 2500 });
        if (stepId === "unfreeze-pipeline") await stack.control.clearFaults();
      },
      inFlight: async (stepId) => {
        const condition = inFlight[stepId];
        if (condition) await killWhen(incident.id, stepId, condition);
      },
      stepTimeoutMs: 180_000,
    });

    console.info(`Killed the console ${kills.length} times:\n${kills.map((k) => `  ${k.stepId}: ${k.observed}`).join("\n")}`);
    expect(kills.map((k) => k.stepId)).toEqual(Object.keys(inFlight));
    expect(externalWrites(await stack.control.counters())).toEqual(SCENARIO_2_WRITES);
    expect(await countRows(stack.control, LIVE)).toBe(rowsBefore);

    const view = expectOk(await api.get<IncidentView>(`/api/v1/incidents/${incident.id}`), "reading the incident");
    expect(view.steps.filter((s) => s.state !== "succeeded").map((s) => `${s.id}: ${s.state}`)).toEqual([]);
    for (const step of view.steps.filter((s) => s.operation && s.operation.kind !== "verify-only")) {
      expect(step.operation!.sendAttempts, `${step.id} sent more than once`).toBe(1);
    }
    const audit = expectOk(await api.get<{ events: { action: string; operationId: string | null }[] }>(`/api/v1/incidents/${incident.id}/audit?limit=1000`), "reading the audit trail");
    const sentRows = audit.events.filter((e) => e.action === "operation.sent");
    expect(new Set(sentRows.map((e) => e.operationId)).size).toBe(sentRows.length);
    expect(expectOk(await api.get<{ ok: boolean }>("/api/v1/audit/verify"), "verifying the audit chain").ok).toBe(true);
  }, 10 * 60_000);
});
