import type { IncidentView } from "../../../lib/incidents/incident-view";

const UNFINISHED = new Set(["pending", "sending", "running", "verifying"]);

/**
 * "Nothing is left half-done without being shown": what a responder sees agrees with what is happening. A step that is
 * running shows its operation and what was last seen of it (or that it is about to be sent); an operation still being
 * followed belongs to a running step; a failed step says why, in words. Returns the problems found (none: []).
 */
export function hiddenProblems(view: IncidentView): string[] {
  const problems: string[] = [];
  for (const step of view.steps) {
    const op = step.operation;
    if (step.state === "running" && op && op.kind !== "verify-only" && op.sendAttempts > 0 && !op.lastDetail && op.status !== "sending") {
      problems.push(`${step.id} is running but shows nothing of its operation (${op.status})`);
    }
    if (op && UNFINISHED.has(op.status) && step.state !== "running") problems.push(`${step.id} is ${step.state} but its operation is still ${op.status}`);
    if (step.state === "failed" && !(step.error ?? "").trim()) problems.push(`${step.id} failed without saying why`);
    if (step.state === "running" && op && !op.deadlineAt?.text) problems.push(`${step.id} is running without a time limit shown`);
  }
  return problems;
}
