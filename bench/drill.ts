import path from "node:path";
import { DateTime } from "luxon";
import { env } from "../lib/config/env";
import { db } from "../lib/db";
import { callPolicyFromConfig } from "../lib/integrations/call-policy-from-config";
import { createSandboxPorts } from "../lib/integrations/create-sandbox-ports";
import type { OperationRequest, VerificationSpec } from "../lib/runbooks/operation-requests";
import { openIncident, scenario2Plan, stepAction } from "../test/proofs/support/drill-driver";
import { sessionCookieFor } from "../test/proofs/support/session-cookie";
import { openSseClient, type SseClient } from "../test/proofs/support/sse-client";
import type { Benchmark } from "./harness";
import { startBenchStack, type BenchStack } from "./support/bench-stack";
import { phase } from "./support/phase";
import { replayOperations } from "./support/replay-operations";

/**
 * `drill_wall_s`: a full Scenario 2 drill in `test` through the production console and the sandbox (no added
 * latency), driven through the HTTP API as fast as the steps allow (each next step as soon as the live feed says the
 * last one succeeded), from opening the drill to its last step. `drill_ratio`: that, divided by the wall time of a bare
 * script making the same SDK calls in the same order (the operations the console recorded, replayed against the
 * sandbox reset to the same state: bench/support/replay-operations.ts).
 */
export const drillBenchmark: Benchmark = {
  name: "drill",
  description: "a Scenario 2 drill through the console, against a bare script",
  async run() {
    const stack = await startBenchStack("drill");
    try {
      const { incidentId, ms } = await phase("a Scenario 2 drill through the console", () => drillThroughConsole(stack));
      const recorded = await db().operation.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" }, select: { idempotencyKey: true, request: true, verification: true } });
      await stack.control.reset();
      await stack.control.disaster("delete-rows", { environment: "test", table: "teachers", count: 5 });
      const ports = createSandboxPorts({ endpointsFile: path.join(stack.sandbox.endpoints.stateDir, "endpoints.json"), policy: callPolicyFromConfig(env()), returnRunDetails: true });
      const bare = await phase("the same SDK calls from a bare script", async () => {
        const started = performance.now();
        await replayOperations({
          ports,
          operations: recorded.map((o) => ({ idempotencyKey: o.idempotencyKey, request: o.request as unknown as OperationRequest, verification: o.verification as unknown as VerificationSpec | null })),
        });
        return performance.now() - started;
      });
      console.error(`[bench] drill: console ${(ms / 1000).toFixed(1)} s, bare script ${(bare / 1000).toFixed(1)} s, ${recorded.length} operations`);
      return [
        { name: "drill_wall_s", value: ms / 1000, unit: "s" },
        { name: "drill_ratio", value: ms / bare, unit: "x", target: "<= 1.3" },
      ];
    } finally {
      await stack.stop();
    }
  },
};

async function drillThroughConsole(stack: BenchStack): Promise<{ incidentId: string; ms: number }> {
  await stack.control.disaster("delete-rows", { environment: "test", table: "teachers", count: 5 });
  const api = stack.api("lead");
  const restorePointUtc = DateTime.utc().minus({ minutes: 6 }).toISO()!;
  const started = performance.now();
  const incident = await openIncident(api, { scenario: "loss-of-data", environment: "test", mode: "drill" });
  const live = openSseClient({ url: `${stack.consoles[0]!.url}/api/live?incidentId=${incident.id}`, cookie: await sessionCookieFor(stack.people.lead.id) });
  try {
    await live.ready;
    for (const planned of scenario2Plan({ restorePointUtc })) {
      const finished = stepFinished(live, planned.stepId);
      const result = (await stepAction(api, incident.id, planned.stepId, planned.body)) as { state: string };
      const state = result.state === "succeeded" ? "succeeded" : await finished;
      if (state !== "succeeded") throw new Error(`${planned.stepId} ended ${state}`);
    }
    return { incidentId: incident.id, ms: performance.now() - started };
  } finally {
    live.close();
  }
}

/** Resolves with "succeeded" or "failed" when the live feed announces the step's end. */
function stepFinished(live: SseClient, stepId: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${stepId} did not finish in 5 minutes`)), 300_000);
    const off = live.on((e) => {
      if (e.event !== "audit") return;
      const event = JSON.parse(e.data) as { action: string; stepId: string | null };
      if (event.stepId === stepId && (event.action === "step.succeeded" || event.action === "step.failed")) {
        clearTimeout(timer);
        off();
        resolve(event.action === "step.succeeded" ? "succeeded" : "failed");
      }
    });
  });
}
