import type { StepState } from "../generated/prisma/enums";

export interface ReadinessStep {
  id: string;
  state: StepState;
  after: string[];
  branch?: string;
}

/**
 * Which pending steps may become ready: those on the followed branch (or on none) whose dependencies have all
 * succeeded or been skipped. Dependencies on steps of a branch not followed are ignored, so a step after
 * "revive-server" and "restore-from-storage" waits only for the option being followed.
 */
export function computeReadiness(options: { steps: ReadinessStep[]; branch: string | null }): string[] {
  const byId = new Map(options.steps.map((s) => [s.id, s]));
  const onBranch = (s: ReadinessStep) => s.branch === undefined || s.branch === options.branch;
  const done = (s: ReadinessStep) => s.state === "succeeded" || s.state === "skipped";
  return options.steps
    .filter((s) => s.state === "pending" && onBranch(s))
    .filter((s) =>
      s.after.every((id) => {
        const dependency = byId.get(id);
        // Absent (a drill-only step in an incident) or on another branch: not waited for.
        return !dependency || !onBranch(dependency) || done(dependency);
      }),
    )
    .map((s) => s.id);
}
