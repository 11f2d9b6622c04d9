import type { StepActionBody } from "../../../lib/api/action-bodies";
import type { IncidentView, StepView } from "../../../lib/incidents/incident-view";
import { expectOk, type ApiClient } from "./api-client";

/** Drives incidents through the console's HTTP API, as a script or a responder's tool would. */

export async function openIncident(api: ApiClient, input: { scenario: string; environment: string; mode: "incident" | "drill" }): Promise<IncidentView> {
  return expectOk(await api.post<IncidentView>("/api/v1/incidents", input), "opening the incident");
}

export async function getIncidentView(api: ApiClient, incidentId: string): Promise<IncidentView> {
  return expectOk(await api.get<IncidentView>(`/api/v1/incidents/${incidentId}`), "reading the incident");
}

export async function stepAction(api: ApiClient, incidentId: string, stepId: string, body: StepActionBody): Promise<unknown> {
  return expectOk(await api.post(`/api/v1/incidents/${incidentId}/steps/${stepId}/actions`, body), `${body.action} ${stepId}`);
}

/**
 * Reads the incident until `stepId` is in one of `states` (default: finished). Requests that fail because the console
 * is down (a crash test restarting it) are retried until the deadline.
 */
export async function waitForStep(options: {
  api: ApiClient;
  incidentId: string;
  stepId: string;
  states?: StepView["state"][];
  until?: (step: StepView) => boolean;
  timeoutMs?: number;
  intervalMs?: number;
}): Promise<StepView> {
  const states = options.states ?? ["succeeded", "failed", "skipped"];
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let last: StepView | undefined;
  let lastError = "";
  for (;;) {
    try {
      const response = await options.api.get<IncidentView>(`/api/v1/incidents/${options.incidentId}`);
      if (response.status === 200) {
        last = response.body.steps.find((s) => s.id === options.stepId);
        if (!last) throw new Error(`The incident has no step ${options.stepId}.`);
        if (options.until ? options.until(last) : states.includes(last.state)) return last;
      } else lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Step ${options.stepId} did not reach ${options.until ? "the expected condition" : states.join("/")}: it is ${last?.state ?? "unknown"}` +
          `; error: ${last?.error ?? "none"}; operation: ${JSON.stringify(last?.operation ?? null)}; last request: ${lastError || "ok"}`,
      );
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 250));
  }
}

export interface PlannedStep {
  stepId: string;
  body: StepActionBody;
}

/** Scenario 2 (loss of data) from the first step to the last, every optional step done, as a drill in `test`. */
export function scenario2Plan(options: { restorePointUtc: string }): PlannedStep[] {
  return [
    { stepId: "stop-service", body: { action: "start" } },
    { stepId: "start-incident-process", body: { action: "confirm", note: "Drill channel open." } },
    { stepId: "freeze-pipeline", body: { action: "start" } },
    { stepId: "backup-flawed-database", body: { action: "start" } },
    { stepId: "restore-point-in-time", body: { action: "start", inputs: { restorePoint: { time: options.restorePointUtc, zone: "utc" } } } },
    { stepId: "validate-data", body: { action: "confirm", inputs: { decision: "restore-from-this-copy", findings: "Row counts compared with the live server: the copy holds the lost rows." } } },
    { stepId: "upload-restored-database", body: { action: "start" } },
    { stepId: "restore-into-live", body: { action: "start" } },
    { stepId: "restart-applications", body: { action: "start" } },
    { stepId: "validate-app", body: { action: "start" } },
    { stepId: "unfreeze-pipeline", body: { action: "start" } },
    { stepId: "tidy-up", body: { action: "start" } },
    { stepId: "dr-test-post-scenario", body: { action: "confirm", note: "DR test template filled in." } },
    { stepId: "post-dr-review", body: { action: "confirm", note: "Retro booked." } },
  ];
}

/**
 * Runs the plan step by step: each action, then (for a crash test) `inFlight(stepId)`, then waits for the step to
 * succeed. A step that fails stops the drill with the console's own words.
 */
export async function runPlan(options: {
  api: ApiClient;
  incidentId: string;
  plan: PlannedStep[];
  beforeAction?: (stepId: string) => Promise<void>;
  inFlight?: (stepId: string) => Promise<void>;
  stepTimeoutMs?: number;
  onStepDone?: (step: StepView, ms: number) => void;
}): Promise<void> {
  for (const planned of options.plan) {
    await options.beforeAction?.(planned.stepId);
    const started = performance.now();
    await stepAction(options.api, options.incidentId, planned.stepId, planned.body);
    await options.inFlight?.(planned.stepId);
    const done = await waitForStep({ api: options.api, incidentId: options.incidentId, stepId: planned.stepId, timeoutMs: options.stepTimeoutMs ?? 180_000 });
    if (done.state !== "succeeded") throw new Error(`Step ${planned.stepId} ended ${done.state}: ${done.error ?? "no error"}`);
    options.onStepDone?.(done, performance.now() - started);
  }
}
