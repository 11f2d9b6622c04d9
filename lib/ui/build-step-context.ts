import { getEnvironment, getService } from "../catalogue/catalogue";
import type { IncidentView } from "../incidents/incident-view";
import type { StepContext } from "../runbooks/types";

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/**
 * The context a step's input schema is built from, rebuilt in the browser from the incident view, so that the
 * form validates with the very zod schema the engine will use (lib/runbooks), while the person types.
 */
export function buildStepContext(options: { view: IncidentView; now: Date }): StepContext {
  const { view } = options;
  return {
    service: getService(view.service.key),
    environment: getEnvironment(view.service.key, view.environment.key),
    incident: { id: view.id, mode: view.mode, detectedAt: new Date(view.detectedAt.utc), branch: view.branch },
    steps: Object.fromEntries(view.steps.map((s) => [s.id, { state: s.state, inputs: asRecord(s.inputs), outputs: asRecord(s.outputs) }])),
    now: options.now,
  };
}
