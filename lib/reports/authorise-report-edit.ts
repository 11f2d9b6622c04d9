import type { Actor } from "../audit/actor";
import { assertCan } from "../auth/capabilities";

/** Follow-up actions and the review checklist are written by the people who act on incidents (not viewers). */
export function authoriseReportEdit(options: { actor: Actor }): void {
  assertCan({ actor: options.actor, capability: "act" });
}
