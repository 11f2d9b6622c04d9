import { expect } from "vitest";
import { db } from "../../../lib/db";
import type { IncidentView, StepView } from "../../../lib/incidents/incident-view";
import type { StandIn } from "../../../sandbox/faults";
import { expectOk, type ApiClient } from "./api-client";
import { stepAction, waitForStep } from "./drill-driver";
import { hiddenProblems } from "./nothing-hidden";
import type { ProofStack } from "./proof-stack";

const REPO = "DFE-Digital/access-your-teaching-qualifications";

/** What the fault proofs do around each case, on one stack, as one person (test/proofs/faults-*.integration.test.ts). */
export function faultKit(stack: ProofStack, api: ApiClient) {
  const viewOf = async (incidentId: string): Promise<IncidentView> => expectOk(await api.get<IncidentView>(`/api/v1/incidents/${incidentId}`), "reading the incident");
  return {
    viewOf,
    async expectNothingHidden(incidentId: string): Promise<void> {
      expect(hiddenProblems(await viewOf(incidentId))).toEqual([]);
    },
    /** A counted fault was really met: the stand-in took every unit of it. */
    async expectTaken(standIn: StandIn): Promise<void> {
      const left = (await stack.control.faults())[standIn] ?? {};
      for (const kind of ["tooManyRequests", "serverError", "connectionReset", "asyncOperationFails", "asyncOperationHangs"] as const) {
        const fault = left[kind];
        if (fault) expect(fault.count, `${standIn} ${kind} not all taken`).toBe(0);
      }
    },
    /** Waits until the stand-in has met every unit of its counted faults (an operation's fault is met when it starts). */
    async waitTaken(standIn: StandIn, timeoutMs = 60_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const left = (await stack.control.faults())[standIn] ?? {};
        const counts = [left.tooManyRequests, left.serverError, left.connectionReset, left.asyncOperationFails, left.asyncOperationHangs].map((f) => f?.count ?? 0);
        if (counts.every((c) => c === 0)) return;
        if (Date.now() > deadline) throw new Error(`${standIn}: the fault was not met in ${timeoutMs / 1000} s: ${JSON.stringify(left)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    /**
     * Hours pass: the step's time limit (hours for a restore) is moved to now, as if the operation had hung that long.
     * The engine's own deadline check then ends it, as it would in real time.
     */
    async timeLimitPasses(operationId: string): Promise<void> {
      await db().$executeRaw`update "Operation" set "deadlineAt" = now() - interval '1 second' where id = ${operationId}::uuid`;
    },
    /** What a person does on the Actions page with a run that never ends. */
    async cancelRun(runId: string): Promise<void> {
      const response = await fetch(`${stack.sandbox.endpoints.github!.url}/repos/${REPO}/actions/runs/${runId}/cancel`, { method: "POST", headers: { authorization: "token proofs" } });
      expect(response.status).toBe(202);
    },
    /** Starts (or retries) a step and waits for it to end (or to satisfy `until`). */
    async act(incidentId: string, stepId: string, body: Parameters<typeof stepAction>[3], until?: (s: StepView) => boolean): Promise<StepView> {
      await stepAction(api, incidentId, stepId, body);
      return waitForStep({ api, incidentId, stepId, until, timeoutMs: 150_000 });
    },
    async waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!(await probe())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  };
}
