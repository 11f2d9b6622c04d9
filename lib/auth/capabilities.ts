import type { Actor } from "../audit/actor";
import { ForbiddenError } from "../errors";
import { ROLE_LABELS, ROLES, roleAtLeast, type Role } from "./roles";

/**
 * The console's role rules, as one table: what each capability allows and the least role that has it. Roles are
 * cumulative (an admin may do what a lead may). Every page, route handler and server action names one of these
 * and checks it on the server before anything else (lib/auth/require-page-actor.ts, lib/actions/action-client.ts,
 * lib/api/handle-api-request.ts); the engine checks again for step actions (lib/engine/authorise-step-action.ts).
 */
export const CAPABILITIES = {
  /** Signed in: incidents, the audit trail, DR tests, reports, one's own account and API tokens. */
  read: { minimum: "viewer", what: "use the console" },
  /** Steps outside the two-person rule: start, retry, confirm manual steps, skip optional ones; notes. */
  act: { minimum: "responder", what: "act on steps and write notes" },
  /** Open and close incidents, choose the recovery option, request production changes, approve others'. */
  lead: { minimum: "lead", what: "open and close incidents, request production changes or approve them" },
  /** Users and roles, the DR test schedule, settings, any API token. */
  admin: { minimum: "admin", what: "manage users, roles, the DR test schedule and settings" },
} as const satisfies Record<string, { minimum: Role; what: string }>;

export type Capability = keyof typeof CAPABILITIES;

export function can(role: Role, capability: Capability): boolean {
  return roleAtLeast(role, CAPABILITIES[capability].minimum);
}

/** Throws ForbiddenError with a sentence for the person when their role lacks the capability. */
export function assertCan(options: { actor: Actor; capability: Capability }): void {
  const { actor, capability } = options;
  if (can(actor.role, capability)) return;
  const who = ROLES.filter((r) => can(r, capability)).map((r) => `${ROLE_LABELS[r].toLowerCase()}s`);
  const list = who.length > 1 ? `${who.slice(0, -1).join(", ")} and ${who.at(-1)}` : who[0];
  throw new ForbiddenError(`Only ${list} can ${CAPABILITIES[capability].what}: ${actor.name} is ${article(actor.role)} ${ROLE_LABELS[actor.role].toLowerCase()}.`);
}

function article(role: Role): string {
  return role === "admin" || role === "lead" ? "an" : "a";
}
