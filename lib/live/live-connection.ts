import type { LiveEvent } from "./live-event";

/** The part of the browser's EventSource this uses (a fake one in unit tests). */
export interface EventSourceLike {
  readonly readyState: number;
  /** "audit" and "ready" messages carry `data`; "error" carries nothing of use. */
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  close(): void;
}

export type LiveStatus = "connecting" | "live" | "reconnecting" | "offline";

export interface LiveConnectionOptions {
  /** `/api/live` or `/api/live?incidentId=...`: `since` is added. */
  url: string;
  /** The audit sequence number the page was rendered at. */
  since: string;
  onEvent(event: LiveEvent): void;
  onStatus(status: LiveStatus): void;
  createEventSource(url: string): EventSourceLike;
  /** Wait before opening a new EventSource when the browser gave up on the old one. */
  reopenDelayMs?: number;
}

const CLOSED = 2;

/**
 * The browser's side of the live feed. It keeps the newest sequence number seen and drops anything not newer, so
 * a replay that overlaps what was already received adds nothing twice. The EventSource reconnects by itself after
 * a network error, sending Last-Event-ID; when it gives up (readyState CLOSED) or the browser goes offline, a new
 * one is opened with `since` = the newest id seen, so nothing is missed either way.
 */
export class LiveConnection {
  private source: EventSourceLike | null = null;
  private lastId: bigint;
  private reopenTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly options: LiveConnectionOptions) {
    this.lastId = BigInt(/^\d+$/.test(options.since) ? options.since : "0");
  }

  /** The newest sequence number received. */
  get cursor(): string {
    return this.lastId.toString();
  }

  open(): void {
    this.closed = false;
    this.source?.close();
    this.options.onStatus("connecting");
    const separator = this.options.url.includes("?") ? "&" : "?";
    const source = this.options.createEventSource(`${this.options.url}${separator}since=${this.lastId.toString()}`);
    this.source = source;
    source.addEventListener("audit", (message) => {
      if (this.source !== source) return;
      let event: LiveEvent;
      try {
        event = JSON.parse(String(message.data)) as LiveEvent;
      } catch {
        return;
      }
      const id = BigInt(event.id);
      if (id <= this.lastId) return;
      this.lastId = id;
      this.options.onEvent(event);
    });
    source.addEventListener("ready", (message) => {
      if (this.source !== source) return;
      try {
        const { cursor } = JSON.parse(String(message.data)) as { cursor: string };
        if (/^\d+$/.test(cursor) && BigInt(cursor) > this.lastId) this.lastId = BigInt(cursor);
      } catch {
        // A malformed ready message changes nothing.
      }
      this.options.onStatus("live");
    });
    source.addEventListener("error", () => {
      if (this.source !== source || this.closed) return;
      if (source.readyState === CLOSED) {
        // The browser gave up (e.g. an HTTP error answer): open a new one ourselves, from the newest id seen.
        this.options.onStatus("reconnecting");
        this.scheduleReopen();
      } else {
        this.options.onStatus("reconnecting");
      }
    });
  }

  /** The browser says it is offline: stop, and say so. */
  goOffline(): void {
    this.stopSource();
    this.options.onStatus("offline");
  }

  /** Back online: a new stream from the newest id seen (the server replays what was missed). */
  goOnline(): void {
    if (this.closed) return;
    this.open();
  }

  close(): void {
    this.closed = true;
    this.stopSource();
  }

  private stopSource(): void {
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
    this.source?.close();
    this.source = null;
  }

  private scheduleReopen(): void {
    if (this.reopenTimer) return;
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      if (!this.closed) this.open();
    }, this.options.reopenDelayMs ?? 2000);
  }
}
