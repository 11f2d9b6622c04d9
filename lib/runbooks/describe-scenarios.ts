import { getEnvironment, getService } from "../catalogue/catalogue";
import { scenarios } from "./scenarios";
import type { IncidentModeKey } from "./types";

export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  whenToUse: string;
  branches: { id: string; title: string; guidance: string; initial: boolean }[];
  steps: { id: string; title: string; kind: string; optional: boolean; changesProduction: boolean; branch: string | null; modes: IncidentModeKey[]; blockedBy: string[] }[];
  /** Said on the new-incident page, before anyone starts: what cannot run in this environment. */
  warnings: string[];
}

/** Every scenario with its steps, and for an environment what cannot run there (preprod has no backup storage). */
export function describeScenarios(options: { serviceKey?: string; environment?: string } = {}): ScenarioSummary[] {
  const service = getService(options.serviceKey ?? "aytq");
  const environment = options.environment ? getEnvironment(service.key, options.environment) : null;
  return scenarios.map((scenario) => {
    const steps = scenario.steps.map((s) => ({
      id: s.id,
      title: s.title,
      kind: s.kind,
      optional: s.optional,
      changesProduction: s.changesProduction,
      branch: s.branch ?? null,
      modes: s.modes ?? (["incident", "drill"] as IncidentModeKey[]),
      blockedBy: environment ? s.preconditions.flatMap((p) => p.check({ service, environment }) ?? []) : [],
    }));
    return {
      id: scenario.id,
      title: scenario.title,
      summary: scenario.summary,
      whenToUse: scenario.whenToUse,
      branches: scenario.branches,
      steps,
      warnings: [...new Set(steps.flatMap((s) => s.blockedBy.map((b) => `${s.title}: ${b}`)))],
    };
  });
}
