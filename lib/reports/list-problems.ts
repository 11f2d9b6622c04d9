import type { IncidentView } from "../incidents/incident-view";
import type { ReportProblem } from "./report-schema";
import type { ReportOperationRecord } from "./report-records";
import { reportTime } from "./report-time";

/** The problems met: failed attempts, steps that needed retrying, requests re-sent after errors, voided approvals. */
export function listProblems(options: { view: IncidentView; operations: ReportOperationRecord[] }): ReportProblem[] {
  const problems: ReportProblem[] = [];
  for (const step of options.view.steps) {
    for (const attempt of step.attempts) {
      if (attempt.state === "failed") {
        problems.push({ kind: "failed-attempt", stepId: step.id, at: reportTime(attempt.finishedAt?.utc ?? null), text: `${step.title}: attempt ${attempt.number} failed: ${attempt.error ?? "no error recorded"}` });
      }
      if (attempt.state === "voided") {
        problems.push({ kind: "voided-approval", stepId: step.id, at: reportTime(attempt.requestedAt.utc), text: `${step.title}: the approval request of attempt ${attempt.number} was replaced before approval (the inputs changed).` });
      }
    }
    const real = step.attempts.filter((a) => a.state !== "voided");
    if (real.length > 1) {
      problems.push({ kind: "retry", stepId: step.id, at: reportTime(real[real.length - 1]!.requestedAt.utc), text: `${step.title} needed ${real.length} attempts.` });
    }
    if (step.state === "failed") {
      problems.push({ kind: "step-failed", stepId: step.id, at: reportTime(step.finishedAt?.utc ?? null), text: `${step.title} was left failed: ${step.error ?? "no error recorded"}` });
    }
  }
  for (const operation of options.operations) {
    if (operation.sendAttempts > 1) {
      const title = options.view.steps.find((s) => s.id === operation.stepId)?.title ?? operation.stepId;
      problems.push({
        kind: "resent", stepId: operation.stepId, at: reportTime(operation.sendStartedAt ?? operation.createdAt),
        text: `${title}: the request to ${operation.system} (${operation.kind}) was sent ${operation.sendAttempts} times after errors that are safe to repeat.`,
      });
    }
  }
  return problems.sort((a, b) => (a.at ? Date.parse(a.at.utc) : 0) - (b.at ? Date.parse(b.at.utc) : 0));
}
