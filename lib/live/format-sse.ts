import type { LiveEvent } from "./live-event";

/**
 * Server-sent events wire format (HTML Living Standard, 9.2). JSON.stringify escapes newlines, so one `data:`
 * line always carries the whole event.
 */
export function formatSseEvent(event: LiveEvent): string {
  return `id: ${event.id}\nevent: audit\ndata: ${JSON.stringify(event)}\n\n`;
}

/** How soon the browser reconnects after the stream breaks. */
export function formatSseRetry(retryMs: number): string {
  return `retry: ${Math.max(0, Math.round(retryMs))}\n\n`;
}

/**
 * Sent once the replay is done: every event up to `cursor` that the stream's filter lets through has been sent,
 * so the browser's last event id may move there (a later reconnection then replays less).
 */
export function formatSseReady(options: { cursor: string }): string {
  return `id: ${options.cursor}\nevent: ready\ndata: ${JSON.stringify({ cursor: options.cursor })}\n\n`;
}

/** A comment line: keeps proxies and load balancers from closing an idle stream. */
export function formatSseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, " ")}\n\n`;
}
