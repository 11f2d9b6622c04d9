import type { StepState } from "../generated/prisma/enums";
import type { StepKind } from "../runbooks/types";

/**
 * The step-run state machine, as data. The engine's conditional updates use ACTION_FROM_STATES as their
 * `WHERE state IN (...)`, so the database, not memory, decides who wins when two people act at once.
 *
 *   pending ──(dependencies done)──> ready ──start──> running ──> succeeded | failed
 *                                      │   └─start (production)──> awaiting_approval ──approve──> running
 *                                      └─confirm (manual/decision)──> succeeded
 *   failed ──retry──> running | awaiting_approval;  succeeded ──retry (rerunnable steps)──> running
 *   pending | ready | awaiting_approval | failed ──skip (optional, with a reason)──> skipped
 */
export const STEP_TRANSITIONS: Record<StepState, readonly StepState[]> = {
  pending: ["ready", "skipped"],
  ready: ["awaiting_approval", "running", "succeeded", "skipped"],
  awaiting_approval: ["awaiting_approval", "running", "skipped"],
  running: ["succeeded", "failed"],
  succeeded: ["running", "awaiting_approval"],
  failed: ["running", "awaiting_approval", "skipped"],
  skipped: [],
};

export type StepAction = "start" | "retry" | "confirm" | "skip" | "approve";

export function canTransition(from: StepState, to: StepState): boolean {
  return STEP_TRANSITIONS[from].includes(to);
}

/** The states an action may start from, for a given step. */
export function allowedFromStates(options: { action: StepAction; kind: StepKind; rerunnable?: boolean }): StepState[] {
  switch (options.action) {
    case "start":
      // A new start while awaiting approval replaces the request (new inputs void the old approval).
      return ["ready", "awaiting_approval"];
    case "retry":
      return options.rerunnable ? ["failed", "succeeded"] : ["failed"];
    case "confirm":
      // Manual and decision steps are confirmed when ready; automated ones done by hand also after a failure.
      return options.kind === "manual" || options.kind === "decision" ? ["ready"] : ["ready", "failed"];
    case "skip":
      return ["pending", "ready", "awaiting_approval", "failed"];
    case "approve":
      return ["awaiting_approval"];
  }
}

/** Where a start or retry goes: production changes wait for a second person. */
export function stateAfterStart(options: { needsApproval: boolean }): StepState {
  return options.needsApproval ? "awaiting_approval" : "running";
}

/** The sentence a person sees when their action clashes with the step's state. */
export function describeRefusal(options: { action: StepAction; state: StepState; by?: string | null }): string {
  const by = options.by ? ` by ${options.by}` : "";
  switch (options.state) {
    case "running":
      return `This step is already running (started${by}). Wait for it to finish.`;
    case "awaiting_approval":
      return options.action === "approve" ? "This step is waiting for approval." : `This step is waiting for a second person's approval (requested${by}).`;
    case "succeeded":
      return `This step has already succeeded${by}.`;
    case "skipped":
      return `This step was skipped${by}.`;
    case "pending":
      return "This step is not ready yet: the steps before it must finish first.";
    case "failed":
      return `This step failed${by}: retry it, do it by hand and confirm it, or skip it if it is optional.`;
    case "ready":
      return options.action === "approve" ? "There is nothing to approve: nobody has asked to run this step." : "This step is ready: start it first.";
  }
}
