import type { Actor } from "../audit/actor";
import { assertCan, type Capability } from "../auth/capabilities";

/**
 * What each server action needs, checked before anything else runs: a capability of lib/auth/capabilities.ts
 * (read, act, lead, admin), the one table of role rules. The engine checks again (hiding a button or this check is
 * never the only one).
 */
export type Permission = Capability;

export function assertPermission(options: { actor: Actor; permission: Permission }): void {
  assertCan({ actor: options.actor, capability: options.permission });
}
