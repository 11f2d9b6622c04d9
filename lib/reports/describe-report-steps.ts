import type { IncidentView, StepView } from "../incidents/incident-view";
import type { ReportStep } from "./report-schema";
import type { ReportOperationRecord } from "./report-records";
import { record } from "./step-facts";
import { durationBetween, reportTime } from "./report-time";

function outcomeOf(step: StepView, view: IncidentView): string {
  const lastAttempt = step.attempts[step.attempts.length - 1];
  switch (step.state) {
    case "succeeded": {
      const verification = record(step.outputs).verification;
      const how = lastAttempt?.manual && step.kind !== "manual" && step.kind !== "decision" ? "done by hand, then verified" : step.kind === "manual" ? "confirmed" : step.kind === "decision" ? "decided" : "succeeded";
      const decision = step.kind === "decision" ? Object.entries(record(step.inputs)).map(([k, v]) => `${k}: ${String(v)}`).join("; ") : "";
      return `${how.charAt(0).toUpperCase()}${how.slice(1)}${typeof verification === "string" ? `: ${verification}` : decision ? `: ${decision}` : ""}`;
    }
    case "skipped":
      return `Skipped: ${step.skipReason ?? "no reason recorded"}`;
    case "failed":
      return `Failed: ${step.error ?? "no error recorded"}`;
    default:
      if (!step.onFollowedBranch) {
        const branch = view.branches.find((b) => b.id === step.branch);
        return `Not used: ${branch?.title ?? step.branch} was not followed`;
      }
      return `Not done (${step.state.replace("_", " ")})`;
  }
}

/** Every step of the incident in runbook order: who, when, how long, attempts, operations (with links), outcome. */
export function describeReportSteps(options: { view: IncidentView; operations: ReportOperationRecord[] }): ReportStep[] {
  const { view, operations } = options;
  return view.steps.map((step, index) => {
    const people = new Map<string, { id: string; name: string }>();
    for (const a of step.attempts) {
      people.set(a.requestedBy.id, a.requestedBy);
      if (a.approvedBy) people.set(a.approvedBy.id, a.approvedBy);
    }
    if (step.lastActor) people.set(step.lastActor.id, step.lastActor);
    const firstStart = step.attempts.map((a) => a.startedAt ?? a.requestedAt).find(Boolean) ?? step.startedAt;
    const startedAt = reportTime(firstStart?.utc ?? null);
    const finishedAt = ["succeeded", "failed", "skipped"].includes(step.state) ? reportTime(step.finishedAt?.utc ?? null) : null;
    return {
      position: index + 1,
      id: step.id,
      title: step.title,
      kind: step.kind,
      optional: step.optional,
      branch: step.branch,
      onFollowedBranch: step.onFollowedBranch,
      state: step.state,
      who: [...people.values()],
      startedAt,
      finishedAt,
      duration: durationBetween(startedAt, finishedAt),
      attempts: step.attempts.filter((a) => a.state !== "voided").length,
      attemptDetails: step.attempts.map((a) => ({
        number: a.number, state: a.state, manual: a.manual, requestedBy: a.requestedBy, approvedBy: a.approvedBy,
        startedAt: reportTime(a.startedAt?.utc ?? null), finishedAt: reportTime(a.finishedAt?.utc ?? null), error: a.error,
      })),
      operations: operations
        .filter((o) => o.stepId === step.id)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((o) => ({
          id: o.id, system: o.system, kind: o.kind, status: o.status, externalId: o.externalId, externalUrl: o.externalUrl, sendAttempts: o.sendAttempts,
          startedAt: reportTime(o.sendStartedAt ?? o.createdAt), finishedAt: reportTime(o.finishedAt), error: o.error,
        })),
      outcome: outcomeOf(step, view),
    };
  });
}
