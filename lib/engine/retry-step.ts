import { beginStep, type StartStepOptions, type StepActionResult } from "./begin-step";

/**
 * Runs a failed step again as a new attempt (each attempt is kept), or a succeeded step marked rerunnable
 * (a new PTR copy at another time, under a new name). Inputs are given again: defaults are recomputed.
 */
export async function retryStep(options: StartStepOptions): Promise<StepActionResult> {
  return beginStep({ ...options, action: "retry" });
}
