import type { AttemptView, IncidentView, StepView } from "../incidents/incident-view";
import type { ReportOperationRecord } from "./report-records";

/** Small readers over an incident's records, shared by the report's measurements. */

export function findStep(view: IncidentView, ids: readonly string[]): StepView | undefined {
  return view.steps.find((s) => ids.includes(s.id));
}

/** The steps among `ids` that succeeded, latest finish first. */
export function succeededSteps(view: IncidentView, ids: readonly string[]): StepView[] {
  return view.steps
    .filter((s) => ids.includes(s.id) && s.state === "succeeded" && s.finishedAt)
    .sort((a, b) => Date.parse(b.finishedAt!.utc) - Date.parse(a.finishedAt!.utc));
}

export function succeededAttempt(step: StepView): AttemptView | undefined {
  return [...step.attempts].reverse().find((a) => a.state === "succeeded");
}

/**
 * When a step was done, measured from its records: the finish of the operation that proved it (the target's
 * state verified), else the finish of its successful attempt (a manual confirmation), else the step's own finish.
 */
export function doneAt(step: StepView, operations: ReportOperationRecord[]): { at: Date; basis: string } | null {
  const attempt = succeededAttempt(step);
  const operation = operations
    .filter((o) => o.stepId === step.id && o.status === "succeeded" && o.finishedAt && (attempt ? o.attemptNumber === attempt.number : true))
    .sort((a, b) => b.finishedAt!.getTime() - a.finishedAt!.getTime())[0];
  if (operation) return { at: operation.finishedAt!, basis: `${step.title}: verified against the target system (operation ${operation.kind} finished)` };
  if (attempt?.finishedAt) return { at: new Date(attempt.finishedAt.utc), basis: `${step.title}: ${attempt.manual ? "confirmed by " + attempt.requestedBy.name : "attempt finished"}` };
  if (step.finishedAt) return { at: new Date(step.finishedAt.utc), basis: `${step.title}: step finished` };
  return null;
}

/** A typed-time input ({ utc, typed, zone }) or an ISO string, as a Date. */
export function timeInput(value: unknown): Date | null {
  if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return new Date(value);
  if (value && typeof value === "object" && typeof (value as { utc?: unknown }).utc === "string") return new Date((value as { utc: string }).utc);
  return null;
}

export function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
