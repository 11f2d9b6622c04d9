import type { Actor } from "../audit/actor";
import { ForbiddenError } from "../errors";
import type { StepAction } from "./state-machine";

/**
 * The engine's own minimum: viewers read, and only incident leads or admins approve production changes.
 * Sign-in and the full role matrix come with issue 7, which may tighten this (never loosen it).
 */
export function authoriseStepAction(options: { actor: Actor; action: StepAction | "note" | "branch" | "close" | "create" }): void {
  const { actor, action } = options;
  if (actor.role === "viewer") throw new ForbiddenError(`${actor.name} is a viewer: viewers can read incidents but not act on them.`);
  if ((action === "approve" || action === "close" || action === "create" || action === "branch") && actor.role === "responder") {
    const what = { approve: "approve production changes", close: "close incidents", create: "open incidents", branch: "choose the recovery option" }[action];
    throw new ForbiddenError(`Only an incident lead or an admin can ${what}; ${actor.name} is a responder.`);
  }
}
