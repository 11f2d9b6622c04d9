import type { IncidentView } from "../incidents/incident-view";
import { getScenario } from "../runbooks/scenarios";
import { buildStepContext } from "./build-step-context";
import type { FormField } from "./describe-form-fields";
import { describeOperation, type OperationDescription } from "./describe-operation";
import type { FormValues } from "./form-values";
import { toStepInputs } from "./to-step-inputs";

export type StepInputCheck =
  | { ok: true; inputs: Record<string, unknown>; operation: OperationDescription | null }
  | { ok: false; inputs: Record<string, unknown>; fieldErrors: Record<string, string>; formErrors: string[] };

/**
 * Checks a step's form with the step's own zod schema (lib/runbooks), built from the incident as the browser
 * knows it: the same rules the engine applies (restore windows, server names), said before anything is sent.
 * When the inputs are good, it also says what the step will do with them, from the request the engine would send.
 * The server checks again: this only spares a round trip and lets people see the problem as they type.
 */
export function checkStepInputs(options: { view: IncidentView; stepId: string; fields: FormField[]; values: FormValues; now: Date }): StepInputCheck {
  const inputs = toStepInputs({ fields: options.fields, values: options.values });
  const fieldErrors: Record<string, string> = {};
  for (const field of options.fields) {
    if (field.required && inputs[field.name] === undefined) fieldErrors[field.name] = field.missing;
  }
  const definition = getScenario(options.view.scenario.id).steps.find((s) => s.id === options.stepId);
  if (!definition) return { ok: false, inputs, fieldErrors, formErrors: [`This console does not know the step "${options.stepId}".`] };
  const context = buildStepContext({ view: options.view, now: options.now });
  const result = definition.inputs(context).safeParse(inputs);
  const formErrors: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = issue.path.length ? String(issue.path[0]) : "";
      if (name && options.fields.some((f) => f.name === name)) fieldErrors[name] ??= issue.message;
      else formErrors.push(issue.message);
    }
  }
  if (!result.success || Object.keys(fieldErrors).length > 0) return { ok: false, inputs, fieldErrors, formErrors };
  const operation = definition.operation ? describeOperation({ request: definition.operation(context, result.data) }) : null;
  return { ok: true, inputs, operation };
}
