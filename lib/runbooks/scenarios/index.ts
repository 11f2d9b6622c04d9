import { NotFoundError } from "../../errors";
import type { ScenarioDefinition } from "../types";
import { lossOfData } from "./loss-of-data";
import { lossOfDatabaseServer } from "./loss-of-database-server";

/** Every scenario the console runs, in the runbook's order. Adding one is adding its definition here. */
export const scenarios: readonly ScenarioDefinition[] = [lossOfDatabaseServer, lossOfData];

export function getScenario(id: string): ScenarioDefinition {
  const scenario = scenarios.find((s) => s.id === id);
  if (!scenario) throw new NotFoundError(`There is no scenario "${id}". Known scenarios: ${scenarios.map((s) => s.id).join(", ")}.`);
  return scenario;
}
