import type { StepView } from "../incidents/incident-view";

const NEEDS_SOMEONE: StepView["state"][] = ["failed", "awaiting_approval", "ready"];

/**
 * The step to highlight as next, in runbook order: the first on the followed option that needs a person (failed,
 * awaiting approval or ready); else the first still running; null when nothing is left to do.
 */
export function findNextStep(options: { steps: StepView[] }): StepView | null {
  const followed = options.steps.filter((s) => s.onFollowedBranch);
  return followed.find((s) => NEEDS_SOMEONE.includes(s.state)) ?? followed.find((s) => s.state === "running") ?? null;
}
