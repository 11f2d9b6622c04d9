import type { ActionContext } from "../audit/actor";
import type { StepActionBody } from "../api/action-bodies";
import { approveStep } from "./approve-step";
import type { StepActionResult } from "./begin-step";
import { confirmStep } from "./confirm-step";
import { retryStep } from "./retry-step";
import { skipStep } from "./skip-step";
import { startStep } from "./start-step";

/** One entry for the five step actions (the HTTP API's POST .../steps/{stepId}/actions). */
export async function performStepAction(options: ActionContext & { incidentId: string; stepId: string; body: StepActionBody }): Promise<StepActionResult> {
  const { body, ...rest } = options;
  switch (body.action) {
    case "start":
      return startStep({ ...rest, inputs: body.inputs, confirmation: body.confirmation });
    case "retry":
      return retryStep({ ...rest, inputs: body.inputs, confirmation: body.confirmation });
    case "confirm":
      return confirmStep({ ...rest, inputs: body.inputs, note: body.note });
    case "skip":
      return skipStep({ ...rest, reason: body.reason });
    case "approve":
      return approveStep({ ...rest, inputsHash: body.inputsHash });
  }
}
