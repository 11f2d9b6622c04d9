import { headers } from "next/headers";
import { forbidden } from "next/navigation";
import type { Actor } from "../audit/actor";
import { recordRefusal } from "./audit-auth-event";
import { can, type Capability } from "./capabilities";
import { getCurrentActor } from "./current-actor";

/**
 * The first line of a page that needs a capability: nobody signed in -> the sign-in page (coming back after);
 * signed in without the capability -> 403 (app/forbidden.tsx), recorded in the audit trail. Returns the person.
 */
export async function requirePageActor(options: { capability: Capability }): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!can(actor.role, options.capability)) {
    const h = await headers();
    await recordRefusal({ actor, action: `page ${h.get("x-dr-path") ?? "?"}`, reason: `needs ${options.capability}`, requestId: h.get("x-request-id") ?? undefined });
    forbidden();
  }
  return actor;
}
