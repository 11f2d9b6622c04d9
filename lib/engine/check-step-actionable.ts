import { ConflictError, PreconditionFailedError } from "../errors";
import type { StepDefinition } from "../runbooks/types";
import type { LoadedRun } from "./load-run";

/** What every action on a step checks first: the incident is open, the step is on the followed option, and its preconditions hold. */
export function checkStepActionable(options: { loaded: LoadedRun; definition: StepDefinition; checkPreconditions: boolean }): void {
  const { loaded, definition } = options;
  if (loaded.incident.status !== "open") {
    throw new ConflictError(`This incident is ${loaded.incident.status}: nothing more can be done on it.`, "incident_closed");
  }
  if (definition.branch && definition.branch !== loaded.incident.branch) {
    const branch = loaded.scenario.branches.find((b) => b.id === definition.branch);
    throw new ConflictError(`"${definition.title}" belongs to ${branch?.title ?? definition.branch}, which this incident is not following. Choose that option first (with a reason).`, "other_branch");
  }
  if (options.checkPreconditions) {
    const problems = preconditionProblems(loaded, definition);
    if (problems.length) throw new PreconditionFailedError(problems.join(" "));
  }
}

export function preconditionProblems(loaded: Pick<LoadedRun, "service" | "environment">, definition: StepDefinition): string[] {
  return definition.preconditions.flatMap((p) => {
    const problem = p.check({ service: loaded.service, environment: loaded.environment });
    return problem ? [problem] : [];
  });
}
