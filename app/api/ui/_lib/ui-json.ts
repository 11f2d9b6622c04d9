import type { Actor } from "@/lib/audit/actor";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { NotSignedInError } from "@/lib/auth/not-signed-in-error";
import { ExpectedError, httpStatusOf } from "@/lib/errors";
import { currentLogger } from "@/lib/request-context";

/**
 * The console pages' own read endpoints (TanStack Query fetches them; /api/v1 is the public API with its own
 * contract). Who is asking is checked first; expected errors answer with their message and status; anything
 * else is logged with an event id and answered generically.
 */
export async function uiJson(read: (actor: Actor) => Promise<unknown>): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  try {
    const actor = await getCurrentActor();
    return Response.json(await read(actor), { headers });
  } catch (error) {
    if (error instanceof NotSignedInError) return Response.json({ title: error.title, message: error.message }, { status: 401, headers });
    if (error instanceof ExpectedError) return Response.json({ title: error.title, message: error.message }, { status: httpStatusOf(error), headers });
    const eventId = crypto.randomUUID();
    (await currentLogger()).error({ err: error, eventId }, "console read endpoint failed");
    return Response.json({ title: "Something went wrong", message: `Something went wrong. Quote event ${eventId}.`, eventId }, { status: 500, headers });
  }
}
