import type { LiveEvent } from "./live-event";
import type { LiveHub } from "./live-hub";
import { formatSseComment, formatSseEvent, formatSseReady, formatSseRetry } from "./format-sse";
import { readAuditAfter, type ReadAuditAfterOptions } from "./read-audit-after";

export interface OpenLiveStreamOptions {
  hub: Pick<LiveHub, "subscribe">;
  /** The last event the browser has (Last-Event-ID, or the cursor the page was rendered at); null: from now. */
  since: bigint | null;
  /** Only this incident's events (the run page); every event when absent (the dashboard). */
  incidentId?: string;
  /** The request's signal: the stream ends and unsubscribes when the browser goes away. */
  signal?: AbortSignal;
  heartbeatMs?: number;
  retryMs?: number;
  /** Injected by tests; the audit table otherwise. */
  readAfter?: (options: ReadAuditAfterOptions) => Promise<LiveEvent[]>;
}

const REPLAY_BATCH = 500;

/**
 * One browser's live feed as a text/event-stream body: first the events it missed (replayed from the audit table,
 * up to the hub's cursor at the moment of subscribing), then the hub's live events (all after that cursor), with
 * live events that arrive during the replay held back until it ends. Each id is sent at most once and in order.
 */
export function openLiveStream(options: OpenLiveStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const readAfter = options.readAfter ?? readAuditAfter;
  let cleanup = () => {};

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          closed = true;
        }
      };
      let lastSent: bigint | null = options.since;
      const deliver = (events: LiveEvent[]) => {
        for (const event of events) {
          if (options.incidentId && event.incidentId !== options.incidentId) continue;
          const id = BigInt(event.id);
          if (lastSent !== null && id <= lastSent) continue;
          lastSent = id;
          send(formatSseEvent(event));
        }
      };
      let replaying = true;
      const held: LiveEvent[] = [];
      const subscription = await options.hub.subscribe((events) => {
        if (replaying) held.push(...events);
        else deliver(events);
      });
      const heartbeat = setInterval(() => send(formatSseComment("keep-alive")), options.heartbeatMs ?? 15_000);
      let cleanedUp = false;
      cleanup = () => {
        if (cleanedUp) return;
        cleanedUp = true;
        closed = true;
        clearInterval(heartbeat);
        subscription.unsubscribe();
        try {
          controller.close();
        } catch {
          // Already closed by the reader.
        }
      };
      if (options.signal?.aborted) return cleanup();
      options.signal?.addEventListener("abort", () => cleanup(), { once: true });

      send(formatSseRetry(options.retryMs ?? 1000));
      try {
        if (options.since !== null) {
          let after = options.since;
          for (;;) {
            const batch = await readAfter({ afterId: after, upToId: subscription.cursor, incidentId: options.incidentId, limit: REPLAY_BATCH });
            deliver(batch);
            if (batch.length < REPLAY_BATCH) break;
            after = BigInt(batch[batch.length - 1]!.id);
          }
        }
      } catch (error) {
        // Without the replay the browser would miss events: end the stream, and its reconnection tries again.
        cleanedUp = true;
        closed = true;
        clearInterval(heartbeat);
        subscription.unsubscribe();
        controller.error(error);
        return;
      }
      const cursor = lastSent !== null && lastSent > subscription.cursor ? lastSent : subscription.cursor;
      lastSent = cursor;
      send(formatSseReady({ cursor: cursor.toString() }));
      replaying = false;
      deliver(held.splice(0));
    },
    cancel() {
      cleanup();
    },
  });
}
