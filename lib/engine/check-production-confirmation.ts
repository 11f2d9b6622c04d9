import type { EnvironmentDefinition } from "../catalogue/schema";
import { ValidationError } from "../errors";
import type { StepDefinition } from "../runbooks/types";

/**
 * A production-changing step in production needs the environment's key typed as confirmation, and then a second
 * person's approval. Returns whether approval is needed.
 */
export function checkProductionConfirmation(options: { definition: StepDefinition; environment: EnvironmentDefinition; confirmation?: string }): boolean {
  if (!options.definition.changesProduction || !options.environment.production) return false;
  if ((options.confirmation ?? "").trim() !== options.environment.key) {
    throw new ValidationError(`"${options.definition.title}" changes production: type "${options.environment.key}" to confirm.`, [
      { path: "confirmation", message: `type "${options.environment.key}" to confirm` },
    ]);
  }
  return true;
}
