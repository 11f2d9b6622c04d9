import { getEnvironment, getService } from "../catalogue/catalogue";
import type { EnvironmentDefinition, ServiceDefinition } from "../catalogue/schema";
import { db } from "../db";
import { NotFoundError } from "../errors";
import type { Incident, Prisma, StepRun } from "../generated/prisma/client";
import { getScenario } from "../runbooks/scenarios";
import { assertUuid } from "./assert-uuid";
import type { ScenarioDefinition, StepContext, StepDefinition } from "../runbooks/types";

export interface LoadedRun {
  incident: Incident;
  scenario: ScenarioDefinition;
  service: ServiceDefinition;
  environment: EnvironmentDefinition;
  runs: StepRun[];
  context(now?: Date): StepContext;
  /** The definition and run of a step; NotFoundError for an id the incident does not have. */
  step(stepId: string): { definition: StepDefinition; run: StepRun };
}

const asRecord = (v: Prisma.JsonValue | null): Record<string, unknown> | null =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** An incident with its scenario, catalogue entry and step runs: what every engine action starts from. */
export async function loadRun(options: { incidentId: string; client?: Prisma.TransactionClient }): Promise<LoadedRun> {
  assertUuid(options.incidentId, "incident");
  const client = options.client ?? db();
  const incident = await client.incident.findUnique({ where: { id: options.incidentId } });
  if (!incident) throw new NotFoundError(`There is no incident ${options.incidentId}.`);
  const runs = await client.stepRun.findMany({ where: { incidentId: incident.id }, orderBy: { position: "asc" } });
  const scenario = getScenario(incident.scenario);
  const service = getService(incident.serviceKey);
  const environment = getEnvironment(incident.serviceKey, incident.environment);
  return {
    incident, scenario, service, environment, runs,
    context: (now = new Date()) => ({
      service,
      environment,
      incident: { id: incident.id, mode: incident.mode, detectedAt: incident.detectedAt, branch: incident.branch },
      steps: Object.fromEntries(runs.map((r) => [r.stepId, { state: r.state, inputs: asRecord(r.inputs), outputs: asRecord(r.outputs) }])),
      now,
    }),
    step: (stepId) => {
      const run = runs.find((r) => r.stepId === stepId);
      const definition = scenario.steps.find((s) => s.id === stepId);
      if (!run || !definition) throw new NotFoundError(`Incident ${incident.id} has no step "${stepId}".`);
      return { definition, run };
    },
  };
}
