import type { Actor } from "../audit/actor";
import { assertCan, can } from "../auth/capabilities";
import { ForbiddenError } from "../errors";
import type { StepAction } from "./state-machine";

export type AuthorisedAction = StepAction | "note" | "branch" | "close" | "create";

/** Incident-level decisions and approvals are for incident leads (and admins); the rest for responders and up. */
const LEAD_ACTIONS: ReadonlySet<AuthorisedAction> = new Set(["approve", "close", "create", "branch"]);

/**
 * The engine's own check of the role rules (lib/auth/capabilities.ts), whatever the caller checked before:
 * viewers read; responders act on steps outside the two-person rule and write notes; incident leads open and close
 * incidents, choose the option, request production changes (`productionChange`: a step under the two-person rule,
 * lib/auth/approvals/two-person-rule.ts) and approve other people's requests.
 */
export function authoriseStepAction(options: { actor: Actor; action: AuthorisedAction; productionChange?: boolean }): void {
  const { actor, action } = options;
  if (LEAD_ACTIONS.has(action)) {
    assertCan({ actor, capability: "lead" });
    return;
  }
  assertCan({ actor, capability: "act" });
  if (options.productionChange && (action === "start" || action === "retry" || action === "confirm") && !can(actor.role, "lead")) {
    throw new ForbiddenError(`This step changes production: only an incident lead or an admin can ${action === "confirm" ? "record it as done by hand" : "ask for it to run"}. ${actor.name} is a ${actor.role}.`);
  }
}
