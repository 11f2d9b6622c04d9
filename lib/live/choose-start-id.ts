import { parseEventId } from "./parse-event-id";

/**
 * Where a live stream starts. The browser's own reconnection sends `Last-Event-ID` (the newest id it saw), which
 * wins over the `since` the page put in the URL when it first connected (older by then).
 */
export function chooseStartId(options: { lastEventId: string | null; since: string | null }): bigint | null {
  return parseEventId(options.lastEventId) ?? parseEventId(options.since);
}
