import { beginStep, type StartStepOptions, type StepActionResult } from "./begin-step";

/**
 * Starts an automated or verification step. Exactly once: of many concurrent starts, one wins and the others get
 * a ConflictError saying it is running. In production a production-changing step first waits for approval.
 */
export async function startStep(options: StartStepOptions): Promise<StepActionResult> {
  return beginStep({ ...options, action: "start" });
}
