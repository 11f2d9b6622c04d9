import type { Actor } from "../lib/audit/actor";
import { getEnvironment, getService } from "../lib/catalogue/catalogue";
import type { IntegrationPorts } from "../lib/engine/ports";
import { startEngine } from "../lib/engine/start-engine";
import { startStep } from "../lib/engine/start-step";
import { createIncident } from "../lib/incidents/create-incident";
import { createRecordingPorts, worldFor } from "../lib/integrations/testing/recording-ports";
import { stopBoss } from "../lib/jobs/boss";
import { getLiveHub } from "../lib/live/get-live-hub";
import { percentile, type Benchmark } from "./harness";
import { createBenchDatabase } from "./support/bench-database";

const STEPS = 220;
const WARM_UP = 20;
const LEAD: Actor = { id: "bench-lead", name: "Bench Lead", role: "lead" };
/** Two automated steps every Scenario 2 incident may start at once: a Kubernetes scale and a GitHub settings change. */
const STEP_IDS = ["stop-service", "freeze-pipeline"] as const;

/**
 * `step_overhead_p95_ms`: what the console adds to one automated step, from the responder's action to the live feed
 * announcing the step done: the action's transaction and audit row, the pg-boss tick, the operation's records (sent,
 * polled, verified), the finishing transaction and its audit row, the NOTIFY, and the live hub reading the new rows
 * and handing them to the SSE streams. The provider calls are excluded: the ports are in-memory doubles (no
 * network), and the time spent inside them is measured and subtracted. Steps run one after another on a fresh
 * database; the first WARM_UP are not counted (JIT, connection pools, prepared statements).
 */
export const stepOverheadBenchmark: Benchmark = {
  name: "step-overhead",
  description: `console overhead per automated step, p95 over ${STEPS - WARM_UP} steps`,
  async run() {
    const database = await createBenchDatabase("steps");
    const environment = getEnvironment("aytq", "test");
    const recording = createRecordingPorts({ world: worldFor(getService("aytq"), environment), environment });
    const timed = timePorts(recording.ports);
    const engine = await startEngine({ ports: timed.ports, pollIntervalSeconds: 0, sweepIntervalSeconds: 600 });
    const waiting = new Map<string, { resolve: (at: number) => void; reject: (error: Error) => void }>();
    const subscription = await getLiveHub().subscribe((events) => {
      const at = performance.now();
      for (const e of events) {
        if (e.action !== "step.succeeded" && e.action !== "step.failed") continue;
        const key = `${e.incidentId}:${e.stepId}`;
        if (e.action === "step.failed") waiting.get(key)?.reject(new Error(`${key} failed: ${JSON.stringify(e.detail)}`));
        else waiting.get(key)?.resolve(at);
      }
    });
    try {
      const overheads: number[] = [];
      let incidentId = "";
      for (let i = 0; i < STEPS; i += 1) {
        const stepId = STEP_IDS[i % STEP_IDS.length]!;
        if (i % STEP_IDS.length === 0) incidentId = (await createIncident({ actor: LEAD, input: { scenario: "loss-of-data", environment: "test", mode: "drill" } })).id;
        const key = `${incidentId}:${stepId}`;
        const announced = new Promise<number>((resolve, reject) => {
          waiting.set(key, { resolve, reject });
          setTimeout(() => reject(new Error(`${key} was not announced in 30 s`)), 30_000).unref();
        });
        const portMsBefore = timed.totalMs();
        const started = performance.now();
        await startStep({ actor: LEAD, incidentId, stepId });
        const at = await announced;
        waiting.delete(key);
        if (i >= WARM_UP) overheads.push(at - started - (timed.totalMs() - portMsBefore));
      }
      return [{ name: "step_overhead_p95_ms", value: percentile(overheads, 95), unit: "ms", target: "< 50" }];
    } finally {
      subscription.unsubscribe();
      await engine.stop();
      await stopBoss();
      await database.drop();
    }
  },
};

/** Wraps every port method to add up the time spent inside the ports (the provider's share, subtracted). */
function timePorts(ports: IntegrationPorts): { ports: IntegrationPorts; totalMs(): number } {
  let total = 0;
  const wrap = <T extends object>(port: T): T =>
    new Proxy(port, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== "function") return value;
        return async (...args: unknown[]) => {
          const started = performance.now();
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            total += performance.now() - started;
          }
        };
      },
    });
  const wrapped = Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, wrap(v as object)])) as unknown as IntegrationPorts;
  return { ports: wrapped, totalMs: () => total };
}
