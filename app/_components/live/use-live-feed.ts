"use client";

import { useEffect, useRef, useState } from "react";
import { LiveConnection, type LiveStatus } from "@/lib/live/live-connection";
import type { LiveEvent } from "@/lib/live/live-event";

/**
 * Subscribes the page to the live feed (/api/live) from the audit sequence number it was rendered at. Each event
 * is handed to `onEvent` once, in order. Going offline closes the stream; coming back opens a new one from the
 * newest event seen, and the server replays what was missed.
 */
export function useLiveFeed(options: { incidentId?: string; since: string; onEvent(event: LiveEvent): void }): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const onEvent = useRef(options.onEvent);
  onEvent.current = options.onEvent;
  const { incidentId, since } = options;

  useEffect(() => {
    const connection = new LiveConnection({
      url: incidentId ? `/api/live?incidentId=${encodeURIComponent(incidentId)}` : "/api/live",
      since,
      onEvent: (event) => onEvent.current(event),
      onStatus: setStatus,
      createEventSource: (url) => new EventSource(url),
    });
    const offline = () => connection.goOffline();
    const online = () => connection.goOnline();
    window.addEventListener("offline", offline);
    window.addEventListener("online", online);
    if (navigator.onLine === false) connection.goOffline();
    else connection.open();
    return () => {
      window.removeEventListener("offline", offline);
      window.removeEventListener("online", online);
      connection.close();
    };
    // `since` is where the page started: later renders must not restart the stream from there.
  }, [incidentId]);

  return status;
}
