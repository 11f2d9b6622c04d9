import { createParser, type EventSourceMessage } from "eventsource-parser";

export interface ReceivedEvent {
  id: string | undefined;
  event: string | undefined;
  data: string;
  /** performance.now() when the chunk holding it arrived. */
  receivedAt: number;
}

export interface SseClient {
  /** Resolves on the stream's `ready` event (the replay is done; every later event is live). */
  ready: Promise<void>;
  events: ReceivedEvent[];
  /** Calls `listener` for each event from now on; returns a function that removes it. */
  on(listener: (event: ReceivedEvent) => void): () => void;
  close(): void;
  /** Set when the stream ended or failed. */
  ended: Promise<string>;
}

/**
 * One browser's live feed (GET /api/live), read the way EventSource reads it (the `eventsource-parser` package does
 * the wire format), with the session cookie a signed-in browser sends.
 */
export function openSseClient(options: { url: string; cookie?: string; headers?: Record<string, string> }): SseClient {
  const controller = new AbortController();
  const events: ReceivedEvent[] = [];
  const listeners = new Set<(event: ReceivedEvent) => void>();
  let markReady: () => void = () => undefined;
  let failReady: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  let receivedAt = 0;
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => {
      const event: ReceivedEvent = { id: message.id, event: message.event, data: message.data, receivedAt };
      events.push(event);
      if (message.event === "ready") markReady();
      for (const listener of listeners) listener(event);
    },
  });
  const ended = (async () => {
    const response = await fetch(options.url, {
      headers: { accept: "text/event-stream", ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`live feed answered HTTP ${response.status}: ${await response.text()}`);
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      receivedAt = performance.now();
      parser.feed(decoder.decode(value, { stream: true }));
    }
    return "ended";
  })().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    failReady(new Error(`live feed failed before it was ready: ${message}`));
    return controller.signal.aborted ? "closed" : `failed: ${message}`;
  });
  return {
    ready,
    events,
    on: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => controller.abort(),
    ended,
  };
}
