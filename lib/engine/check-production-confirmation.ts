import { twoPersonRuleApplies } from "../auth/approvals/two-person-rule";
import type { EnvironmentDefinition } from "../catalogue/schema";
import { ValidationError } from "../errors";
import type { StepDefinition } from "../runbooks/types";

/**
 * A step under the two-person rule (lib/auth/approvals/two-person-rule.ts: production-changing, in production or
 * an environment configured to rehearse it) needs the environment's key typed as confirmation, and then a second
 * person's approval. Returns whether approval is needed.
 */
export function checkProductionConfirmation(options: { definition: StepDefinition; environment: EnvironmentDefinition; mode: "incident" | "drill"; confirmation?: string }): boolean {
  if (!twoPersonRuleApplies({ changesProduction: options.definition.changesProduction, environment: options.environment, mode: options.mode })) return false;
  if ((options.confirmation ?? "").trim() !== options.environment.key) {
    throw new ValidationError(`"${options.definition.title}" changes ${options.environment.production ? "production" : options.environment.label}: type "${options.environment.key}" to confirm.`, [
      { path: "confirmation", message: `type "${options.environment.key}" to confirm` },
    ]);
  }
  return true;
}
