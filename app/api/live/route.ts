import type { NextRequest } from "next/server";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { NotSignedInError } from "@/lib/auth/not-signed-in-error";
import { getLiveHub } from "@/lib/live/get-live-hub";
import { openLiveStream } from "@/lib/live/open-live-stream";
import { chooseStartId } from "@/lib/live/choose-start-id";
import { currentLogger } from "@/lib/request-context";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The live feed (text/event-stream): every audit event, or one incident's, as it is committed, each with its
 * audit sequence number as the event id. `since` (first connection) or `Last-Event-ID` (the browser's own
 * reconnection) replays what came after it from the audit table before the live events: no gaps, no repeats.
 */
export async function GET(request: NextRequest): Promise<Response> {
  try {
    await getCurrentActor();
  } catch (error) {
    if (error instanceof NotSignedInError) return Response.json({ title: error.title, message: error.message }, { status: 401 });
    throw error;
  }
  const incidentId = request.nextUrl.searchParams.get("incidentId") ?? undefined;
  if (incidentId !== undefined && !UUID.test(incidentId)) {
    return Response.json({ title: "Not found", message: "There is no such incident." }, { status: 404 });
  }
  const since = chooseStartId({ lastEventId: request.headers.get("last-event-id"), since: request.nextUrl.searchParams.get("since") });
  const log = await currentLogger();
  const stream = openLiveStream({ hub: getLiveHub(), since, incidentId, signal: request.signal });
  log.debug({ incidentId, since: since?.toString() ?? null }, "live stream opened");
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform also keeps Next's response compression from holding events back until a buffer fills.
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // Nginx and similar proxies must pass each event on at once.
      "x-accel-buffering": "no",
    },
  });
}
