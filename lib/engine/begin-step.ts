import type { ActionContext } from "../audit/actor";
import { ValidationError } from "../errors";
import { enqueueOperationTick } from "../jobs/enqueue-operation-tick";
import { twoPersonRuleApplies } from "../auth/approvals/two-person-rule";
import { authoriseStepAction } from "./authorise-step-action";
import { beginAttempt, type BeginAttemptResult } from "./begin-attempt";
import { checkProductionConfirmation } from "./check-production-confirmation";
import { checkStepActionable } from "./check-step-actionable";
import { loadRun } from "./load-run";
import { hashInputs, parseStepInputs } from "./parse-step-inputs";
import { allowedFromStates } from "./state-machine";

export interface StartStepOptions extends ActionContext {
  incidentId: string;
  stepId: string;
  /** The step's inputs as typed; catalogue defaults fill what is left out. */
  inputs?: unknown;
  /** For production-changing steps in production: the environment's key, typed ("production"). */
  confirmation?: string;
}

export type StepActionResult = BeginAttemptResult & { incidentId: string; stepId: string };

/** Shared by startStep and retryStep. */
export async function beginStep(options: StartStepOptions & { action: "start" | "retry" }): Promise<StepActionResult> {
  authoriseStepAction({ actor: options.actor, action: options.action });
  const loaded = await loadRun({ incidentId: options.incidentId });
  const { definition, run } = loaded.step(options.stepId);
  checkStepActionable({ loaded, definition, checkPreconditions: true });
  if (!definition.operation && definition.kind !== "verification") {
    throw new ValidationError(`"${definition.title}" is a ${definition.kind} step: confirm it when it is done instead of starting it.`);
  }
  const productionChange = twoPersonRuleApplies({ changesProduction: definition.changesProduction, environment: loaded.environment, mode: loaded.incident.mode });
  authoriseStepAction({ actor: options.actor, action: options.action, productionChange });
  const inputs = parseStepInputs({ definition, context: loaded.context(), inputs: options.inputs });
  const needsApproval = checkProductionConfirmation({ definition, environment: loaded.environment, mode: loaded.incident.mode, confirmation: options.confirmation });
  const result = await beginAttempt({
    ...options,
    loaded, definition, run,
    fromStates: allowedFromStates({ action: options.action, kind: definition.kind, rerunnable: definition.rerunnable }),
    inputs,
    inputsHash: hashInputs(inputs),
    needsApproval,
    manual: false,
  });
  if (result.operationId) await enqueueOperationTick({ operationId: result.operationId });
  return { ...result, incidentId: options.incidentId, stepId: options.stepId };
}
