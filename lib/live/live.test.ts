import { describe, expect, it, vi } from "vitest";
import { formatSseComment, formatSseEvent, formatSseReady, formatSseRetry } from "./format-sse";
import { LiveConnection, type EventSourceLike, type LiveStatus } from "./live-connection";
import type { LiveEvent } from "./live-event";
import type { LiveListener } from "./live-hub";
import { mergeLiveEvents } from "./merge-live-events";
import { openLiveStream } from "./open-live-stream";
import { chooseStartId } from "./choose-start-id";
import { parseEventId } from "./parse-event-id";
import type { ReadAuditAfterOptions } from "./read-audit-after";

const event = (id: number, incidentId: string | null = "i1"): LiveEvent => ({
  id: String(id),
  occurredAt: "2026-07-24T06:00:00.000Z",
  occurredAtText: "Fri 24 Jul 2026 06:00:00 UTC (07:00:00 BST, UK time)",
  actor: { id: "a", name: "Ada", role: "lead" },
  action: "step.started",
  outcome: "ok",
  incidentId,
  stepId: "stop-service",
  operationId: null,
  inputs: { text: "line one\nline two" },
  detail: null,
});

describe("SSE wire format", () => {
  it("puts the audit id in the id field and the whole event on one data line", () => {
    const text = formatSseEvent(event(42));
    expect(text.startsWith("id: 42\nevent: audit\ndata: ")).toBe(true);
    expect(text.endsWith("\n\n")).toBe(true);
    expect(text.split("\n").filter((l) => l.startsWith("data: "))).toHaveLength(1);
    expect(JSON.parse(text.split("\n")[2]!.slice(6))).toEqual(event(42));
  });
  it("formats retry, ready (with the cursor as id) and comments", () => {
    expect(formatSseRetry(1000)).toBe("retry: 1000\n\n");
    expect(formatSseReady({ cursor: "7" })).toBe('id: 7\nevent: ready\ndata: {"cursor":"7"}\n\n');
    expect(formatSseComment("keep\nalive")).toBe(": keep alive\n\n");
  });
});

describe("where a stream starts", () => {
  it("reads plain non-negative integers only", () => {
    expect(parseEventId("15")).toBe(15n);
    expect(parseEventId(" 0 ")).toBe(0n);
    for (const bad of [null, undefined, "", "-1", "1.5", "abc", "99999999999999999999"]) expect(parseEventId(bad)).toBeNull();
  });
  it("prefers the browser's Last-Event-ID (newer) over the page's since", () => {
    expect(chooseStartId({ lastEventId: "30", since: "10" })).toBe(30n);
    expect(chooseStartId({ lastEventId: null, since: "10" })).toBe(10n);
    expect(chooseStartId({ lastEventId: "junk", since: "10" })).toBe(10n);
    expect(chooseStartId({ lastEventId: null, since: null })).toBeNull();
  });
});

describe("merging events into what the page shows", () => {
  it("appends newer events and drops ones already shown (a replay overlapping the page)", () => {
    const shown = [event(1), event(2), event(3)];
    expect(mergeLiveEvents({ existing: shown, incoming: [event(3), event(4)] }).map((e) => e.id)).toEqual(["1", "2", "3", "4"]);
    expect(mergeLiveEvents({ existing: shown, incoming: [event(2)] }).map((e) => e.id)).toEqual(["1", "2", "3"]);
  });
  it("keeps sequence order when an older event arrives late", () => {
    expect(mergeLiveEvents({ existing: [event(1), event(3)], incoming: [event(2), event(2)] }).map((e) => e.id)).toEqual(["1", "2", "3"]);
  });
  it("compares ids as numbers, not text", () => {
    expect(mergeLiveEvents({ existing: [event(9)], incoming: [event(10)] }).map((e) => e.id)).toEqual(["9", "10"]);
  });
});

class FakeEventSource implements EventSourceLike {
  static all: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  private listeners = new Map<string, ((event: { data?: unknown }) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(type: string, listener: (event: { data?: unknown }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data?: unknown) {
    for (const l of this.listeners.get(type) ?? []) l({ data: data === undefined ? undefined : JSON.stringify(data) });
  }
}

function connection(since = "5") {
  FakeEventSource.all = [];
  const received: string[] = [];
  const statuses: LiveStatus[] = [];
  const live = new LiveConnection({
    url: "/api/live?incidentId=i1",
    since,
    onEvent: (e) => received.push(e.id),
    onStatus: (s) => statuses.push(s),
    createEventSource: (url) => new FakeEventSource(url),
    reopenDelayMs: 10,
  });
  return { live, received, statuses };
}

describe("the browser's live connection", () => {
  it("asks for events after the page's cursor and hands each on once, in order", () => {
    const { live, received, statuses } = connection("5");
    live.open();
    const source = FakeEventSource.all[0]!;
    expect(source.url).toBe("/api/live?incidentId=i1&since=5");
    source.emit("audit", event(5));
    source.emit("audit", event(6));
    source.emit("audit", event(6));
    source.emit("ready", { cursor: "6" });
    source.emit("audit", event(7));
    expect(received).toEqual(["6", "7"]);
    expect(statuses).toEqual(["connecting", "live"]);
    expect(live.cursor).toBe("7");
  });
  it("moves its cursor to the ready event's (filtered streams skip other incidents' ids)", () => {
    const { live } = connection("5");
    live.open();
    FakeEventSource.all[0]!.emit("ready", { cursor: "20" });
    expect(live.cursor).toBe("20");
  });
  it("going offline closes the stream; coming back opens one from the newest id seen, so the server replays the gap", () => {
    const { live, received, statuses } = connection("5");
    live.open();
    const first = FakeEventSource.all[0]!;
    first.emit("audit", event(6));
    live.goOffline();
    expect(first.closed).toBe(true);
    first.emit("audit", event(7)); // a straggler from the closed stream is ignored
    live.goOnline();
    const second = FakeEventSource.all[1]!;
    expect(second.url).toBe("/api/live?incidentId=i1&since=6");
    second.emit("audit", event(7));
    second.emit("audit", event(8));
    expect(received).toEqual(["6", "7", "8"]);
    expect(statuses).toEqual(["connecting", "offline", "connecting"]);
  });
  it("opens a new stream from the newest id when the browser gives up reconnecting", async () => {
    const { live } = connection("5");
    live.open();
    const first = FakeEventSource.all[0]!;
    first.emit("audit", event(9));
    first.readyState = 2;
    first.emit("error");
    await vi.waitFor(() => expect(FakeEventSource.all).toHaveLength(2));
    expect(FakeEventSource.all[1]!.url).toBe("/api/live?incidentId=i1&since=9");
    live.close();
  });
  it("waits for the browser's own reconnection (with Last-Event-ID) while it is still trying", async () => {
    const { live, statuses } = connection("5");
    live.open();
    const first = FakeEventSource.all[0]!;
    first.readyState = 0;
    first.emit("error");
    await new Promise((r) => setTimeout(r, 30));
    expect(FakeEventSource.all).toHaveLength(1);
    expect(statuses.at(-1)).toBe("reconnecting");
    live.close();
  });
});

/** A hub double: `publish` delivers like the real hub (cursor moves, listeners called synchronously). */
function fakeHub(cursor: bigint) {
  const listeners = new Set<LiveListener>();
  let current = cursor;
  return {
    subscribe: async (listener: LiveListener) => {
      listeners.add(listener);
      return { cursor: current, unsubscribe: () => listeners.delete(listener) };
    },
    publish(events: LiveEvent[]) {
      current = BigInt(events.at(-1)!.id);
      for (const l of listeners) l(events);
    },
    get listeners() {
      return listeners.size;
    },
  };
}

async function readFrames(stream: ReadableStream<Uint8Array>, until: (text: string) => boolean): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!until(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  reader.releaseLock();
  return text;
}
const ids = (text: string) => [...text.matchAll(/^id: (\d+)\nevent: audit/gm)].map((m) => m[1]);

describe("one browser's stream: replay, then live", () => {
  it("replays what came after `since` up to the hub's cursor, holds live events meanwhile, then sends them: each once, in order", async () => {
    const hub = fakeHub(10n);
    let releaseReplay!: () => void;
    const replayGate = new Promise<void>((r) => (releaseReplay = r));
    const reads: ReadAuditAfterOptions[] = [];
    const readAfter = async (options: ReadAuditAfterOptions) => {
      reads.push(options);
      await replayGate;
      return [7, 8, 9, 10].map((n) => event(n)).filter((e) => BigInt(e.id) > options.afterId && BigInt(e.id) <= options.upToId!);
    };
    const controller = new AbortController();
    const stream = openLiveStream({ hub, since: 6n, incidentId: "i1", signal: controller.signal, readAfter, heartbeatMs: 60_000 });
    const reading = readFrames(stream, (t) => ids(t).includes("12"));
    await vi.waitFor(() => expect(reads).toHaveLength(1));
    // Live events arrive while the replay is still reading: held back, not lost, not sent first.
    hub.publish([event(11)]);
    hub.publish([event(12, "other-incident")]);
    hub.publish([event(12)]);
    releaseReplay();
    const text = await reading;
    expect(reads[0]).toMatchObject({ afterId: 6n, upToId: 10n, incidentId: "i1" });
    expect(ids(text)).toEqual(["7", "8", "9", "10", "11", "12"]);
    expect(text.indexOf("event: ready")).toBeGreaterThan(text.indexOf("id: 10\n"));
    expect(text.indexOf("event: ready")).toBeLessThan(text.indexOf("id: 11\n"));
    controller.abort();
    expect(hub.listeners).toBe(0);
  });
  it("starts from the hub's cursor when the browser names no id, replaying nothing", async () => {
    const hub = fakeHub(50n);
    const readAfter = vi.fn(async () => [] as LiveEvent[]);
    const stream = openLiveStream({ hub, since: null, readAfter, heartbeatMs: 60_000 });
    const reading = readFrames(stream, (t) => ids(t).includes("51"));
    await vi.waitFor(() => expect(hub.listeners).toBe(1));
    hub.publish([event(51, null)]);
    const text = await reading;
    expect(readAfter).not.toHaveBeenCalled();
    expect(text).toContain('event: ready\ndata: {"cursor":"50"}');
    expect(ids(text)).toEqual(["51"]);
  });
  it("never sends an id at or below the browser's when the browser is ahead of this replica", async () => {
    const hub = fakeHub(10n);
    const stream = openLiveStream({ hub, since: 12n, readAfter: async () => [], heartbeatMs: 60_000 });
    const reading = readFrames(stream, (t) => ids(t).includes("13"));
    await vi.waitFor(() => expect(hub.listeners).toBe(1));
    hub.publish([event(11), event(12), event(13)]);
    const text = await reading;
    expect(ids(text)).toEqual(["13"]);
    expect(text).toContain('data: {"cursor":"12"}');
  });
});
