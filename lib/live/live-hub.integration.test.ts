import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appendAuditEvent } from "../audit/append-audit-event";
import type { Actor } from "../audit/actor";
import { databaseUrl, db } from "../db";
import { logger } from "../log";
import type { LiveEvent } from "./live-event";
import { LiveHub, type LiveHubOptions } from "./live-hub";
import { openLiveStream } from "./open-live-stream";
import { parseLiveNotification } from "./parse-live-notification";
import { readAuditAfter } from "./read-audit-after";

const actor: Actor = { id: "tester", name: "Tess Tester", role: "lead" };
const INCIDENT = "5b1f7c1e-0000-4000-8000-0000000000a1";
const OTHER = "5b1f7c1e-0000-4000-8000-0000000000b2";

async function append(action: string, incidentId: string | null = INCIDENT): Promise<string> {
  const { id } = await db().$transaction((tx) => appendAuditEvent(tx, { actor, action, outcome: "ok", incidentId }));
  return id.toString();
}

/** A hub on this file's database; `onRead` is told of each read of the table (the tests count them). */
function newHub(options: { logger?: LiveHubOptions["logger"]; onRead?: () => void } = {}) {
  return new LiveHub({
    connectionString: databaseUrl(),
    readAfter: (read) => {
      options.onRead?.();
      return readAuditAfter(read);
    },
    readMaxId: async () => (await db().auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n,
    logger: options.logger ?? logger.child({ test: "live-hub" }),
    backstopMs: 60_000,
    maxReconnectDelayMs: 200,
  });
}

/** Reads SSE frames from a stream until `until` holds; returns the audit ids in the order sent. */
async function readIds(stream: ReadableStream<Uint8Array>, until: (ids: string[]) => boolean, timeoutMs = 10_000): Promise<string[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + timeoutMs;
  const ids = () => [...text.matchAll(/^id: (\d+)\nevent: audit/gm)].map((m) => m[1]!);
  while (!until(ids())) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out; got ${ids().join(",")}`);
    const result = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out; got ${ids().join(",")}`)), left))]);
    if (result.done) break;
    text += decoder.decode(result.value);
  }
  reader.releaseLock();
  return ids();
}

describe("live updates: LISTEN/NOTIFY fan-out and Last-Event-ID replay on a real PostgreSQL", () => {
  let hub: LiveHub;
  beforeAll(() => {
    hub = newHub();
  });
  afterAll(async () => {
    await hub.stop();
  });

  it("delivers every committed audit row to every subscriber, in order, within a second, over one LISTEN connection", async () => {
    const a: LiveEvent[] = [];
    const b: LiveEvent[] = [];
    const subA = await hub.subscribe((events) => a.push(...events));
    const subB = await hub.subscribe((events) => b.push(...events));
    const listenConnections = async () =>
      (await db().$queryRaw<{ n: bigint }[]>`select count(*) as n from pg_stat_activity where application_name = 'dr-console-live' and datname = current_database()`)[0]!.n;
    expect(await listenConnections()).toBe(1n);
    const started = Date.now();
    const written = [await append("test.one"), await append("test.two", null), await append("test.three", OTHER)];
    await vi.waitFor(() => expect(b.map((e) => e.id)).toEqual(written), { timeout: 1000, interval: 10 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(a.map((e) => e.id)).toEqual(written);
    expect(a[0]).toMatchObject({ action: "test.one", incidentId: INCIDENT, actor: { name: "Tess Tester" } });
    expect(BigInt(written[0]!)).toBeGreaterThan(subA.cursor);
    subA.unsubscribe();
    subB.unsubscribe();
  });

  it("misses nothing written while its LISTEN connection was cut: it reconnects and reads what it missed", async () => {
    const got: string[] = [];
    const sub = await hub.subscribe((events) => got.push(...events.map((e) => e.id)));
    const pid = await hub.listenerPid();
    expect(pid).not.toBeNull();
    await db().$executeRaw`select pg_terminate_backend(${pid}::int)`;
    await vi.waitFor(() => expect(hub.connected).toBe(false), { timeout: 2000 });
    const whileDown = [await append("test.while-down-1"), await append("test.while-down-2")];
    await vi.waitFor(() => expect(hub.connected).toBe(true), { timeout: 5000 });
    // No new notification is needed: the read after reconnecting finds them (the backstop is a minute away).
    await vi.waitFor(() => expect(got).toEqual(whileDown), { timeout: 3000 });
    const after = await append("test.after-reconnect");
    await vi.waitFor(() => expect(got).toEqual([...whileDown, after]), { timeout: 3000 });
    expect(await hub.listenerPid()).not.toBe(pid);
    sub.unsubscribe();
  });

  it("a reconnecting browser (Last-Event-ID) gets exactly the events after its id: replayed, then live, none twice, none lost", async () => {
    const before = [await append("test.r1"), await append("test.r2", OTHER), await append("test.r3")];
    const lastSeen = before[0]!;
    const controller = new AbortController();
    const stream = openLiveStream({ hub, since: BigInt(lastSeen), incidentId: INCIDENT, signal: controller.signal, heartbeatMs: 60_000 });
    // Writes racing with the replay, from another connection, as another console replica would.
    const racing = (async () => {
      const ids: string[] = [];
      for (let i = 0; i < 10; i += 1) ids.push(await append(`test.race-${i}`, i % 3 === 0 ? OTHER : INCIDENT));
      return ids;
    })();
    const raced = await racing;
    const expected = (await db().auditEvent.findMany({ where: { id: { gt: BigInt(lastSeen) }, incidentId: INCIDENT }, orderBy: { id: "asc" }, select: { id: true } })).map((r) => r.id.toString());
    const received = await readIds(stream, (ids) => ids.includes(expected.at(-1)!));
    controller.abort();
    expect(received).toEqual(expected);
    expect(new Set(received).size).toBe(received.length);
    expect(received).toContain(before[2]);
    expect(received).not.toContain(before[1]);
    expect(received.every((id) => BigInt(id) > BigInt(lastSeen))).toBe(true);
    expect(raced.filter((_, i) => i % 3 !== 0).every((id) => received.includes(id))).toBe(true);
  });

  it("a browser that drops and reconnects from the last id it received sees each event exactly once across both streams", async () => {
    const start = (await db().auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    const first = new AbortController();
    const stream1 = openLiveStream({ hub, since: start, incidentId: INCIDENT, signal: first.signal, heartbeatMs: 60_000 });
    const early = [await append("test.d1"), await append("test.d2")];
    const got1 = await readIds(stream1, (ids) => ids.includes(early[1]!));
    first.abort();
    // Offline: these land while no stream is open.
    const missed = [await append("test.d3"), await append("test.d4", OTHER), await append("test.d5")];
    const second = new AbortController();
    const stream2 = openLiveStream({ hub, since: BigInt(got1.at(-1)!), incidentId: INCIDENT, signal: second.signal, heartbeatMs: 60_000 });
    const late = await append("test.d6");
    const got2 = await readIds(stream2, (ids) => ids.includes(late));
    second.abort();
    const all = [...got1, ...got2];
    expect(all).toEqual([...early, missed[0], missed[2], late]);
  });

  it("unsubscribes a stream when its browser goes away", async () => {
    const controller = new AbortController();
    const stream = openLiveStream({ hub, since: null, signal: controller.signal, heartbeatMs: 60_000 });
    const reader = stream.getReader();
    await reader.read();
    const count = hub.subscriberCount;
    expect(count).toBeGreaterThan(0);
    controller.abort();
    expect(hub.subscriberCount).toBe(count - 1);
  });

  it("a notification carries its row: the event made from it is the event read from the table; a row too large is named by its ids", async () => {
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    const payloads = new Map<string, string>();
    client.on("notification", (m) => payloads.set((JSON.parse(m.payload!) as { auditId: string }).auditId, m.payload!));
    await client.query("LISTEN dr_events");
    const values: unknown[] = [
      null,
      { text: "plain" },
      { quotes: `"double" 'single' \\ back\\slash`, lines: "a\nb\r\tc\u2028d\u2029e\u007f", unicode: "café ☕ 𝄞 ünïcödé 日本" },
      { numbers: [0, -1, 1.5, 0.1, 1e21, 12345678901234567890, -2.5e-7], flags: [true, false, null], empty: {}, none: [] },
      { nested: { deeper: { deepest: [{ a: 1 }, { b: [2, { c: "three" }] }] } }, "key with spaces": 1, "": "empty key" },
    ];
    const ids: string[] = [];
    for (const [i, value] of values.entries()) {
      const { id } = await db().$transaction((tx) =>
        appendAuditEvent(tx, { actor: { id: `actor-${i}`, name: "Zoë O’Brien", role: "responder" }, action: `test.row-${i}`, outcome: i % 2 ? "ok" : "failed", incidentId: i % 2 ? INCIDENT : null, stepId: i % 2 ? "stop-service" : null, operationId: i === 3 ? OTHER : null, inputs: value ?? undefined, detail: value ?? undefined }),
      );
      ids.push(id.toString());
    }
    const big = await db().$transaction((tx) => appendAuditEvent(tx, { actor, action: "test.too-large", outcome: "ok", incidentId: INCIDENT, detail: { text: "x".repeat(9000) } }));
    ids.push(big.id.toString());
    await vi.waitFor(() => expect([...payloads.keys()]).toEqual(expect.arrayContaining(ids)), { timeout: 2000 });
    await client.end();
    const read = await readAuditAfter({ afterId: BigInt(ids[0]!) - 1n, upToId: BigInt(ids.at(-1)!) });
    expect(read.map((e) => e.id)).toEqual(ids);
    for (const event of read.slice(0, -1)) expect(parseLiveNotification(payloads.get(event.id))).toEqual({ id: BigInt(event.id), event });
    expect(Buffer.byteLength(payloads.get(big.id.toString())!)).toBeLessThan(8000);
    expect(parseLiveNotification(payloads.get(big.id.toString()))).toEqual({ id: big.id, event: null });
  });

  it("hands notified rows on without reading the table, and reads it for a gap (a rolled-back append) or a row named by its ids", async () => {
    let reads = 0;
    const counted = newHub({ onRead: () => (reads += 1) });
    try {
      const got: LiveEvent[] = [];
      await counted.subscribe((events) => got.push(...events));
      await vi.waitFor(() => expect(reads).toBe(1)); // the read when it starts (rows committed while it subscribed)
      const notified = [await append("test.n1"), await append("test.n2", null), await append("test.n3", OTHER)];
      await vi.waitFor(() => expect(got.map((e) => e.id)).toEqual(notified), { timeout: 2000 });
      expect(reads).toBe(1);
      await expect(db().$transaction(async (tx) => {
        await appendAuditEvent(tx, { actor, action: "test.rolled-back", outcome: "ok" });
        throw new Error("rolled back");
      })).rejects.toThrow("rolled back");
      // One at a time, each delivered before the next is written, so that each read is the one its notification caused.
      const afterGap = await append("test.after-gap");
      await vi.waitFor(() => expect(got.map((e) => e.id)).toEqual([...notified, afterGap]), { timeout: 2000 });
      expect(reads).toBe(2);
      const big = (await db().$transaction((tx) => appendAuditEvent(tx, { actor, action: "test.big", outcome: "ok", detail: { text: "y".repeat(9000) } }))).id.toString();
      await vi.waitFor(() => expect(got.map((e) => e.id)).toEqual([...notified, afterGap, big]), { timeout: 2000 });
      expect(reads).toBe(3);
      const last = await append("test.last");
      await vi.waitFor(() => expect(got.map((e) => e.id)).toEqual([...notified, afterGap, big, last]), { timeout: 2000 });
      expect(reads).toBe(3);
      expect(got).toEqual(await readAuditAfter({ afterId: BigInt(notified[0]!) - 1n, upToId: BigInt(last) }));
      expect(got.at(-2)!.detail).toEqual({ text: "y".repeat(9000) });
    } finally {
      await counted.stop();
    }
  });

  it("a notification it does not understand makes it read the table, and is reported once", async () => {
    let reads = 0;
    const warnings: string[] = [];
    const quiet = logger.child({ test: "live-hub-malformed" });
    const hub2 = newHub({
      onRead: () => (reads += 1),
      logger: { info: quiet.info.bind(quiet), error: quiet.error.bind(quiet), warn: (_: unknown, message?: string) => void warnings.push(message ?? "") },
    });
    try {
      await hub2.subscribe(() => undefined);
      await vi.waitFor(() => expect(reads).toBe(1));
      await db().$executeRaw`select pg_notify('dr_events', 'not the trigger''s payload')`;
      await vi.waitFor(() => expect(reads).toBe(2));
      await db().$executeRaw`select pg_notify('dr_events', '{"auditId": 1}')`;
      await vi.waitFor(() => expect(reads).toBe(3));
      expect(warnings).toEqual(["live updates: a notification not understood; reading the table instead"]);
    } finally {
      await hub2.stop();
    }
  });

  it("works with a plain pg NOTIFY as sent by the audit trigger (the payload names the audit id)", async () => {
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    const payloads: unknown[] = [];
    client.on("notification", (m) => payloads.push(JSON.parse(m.payload ?? "null")));
    await client.query("LISTEN dr_events");
    const id = await append("test.payload");
    await vi.waitFor(() => expect(payloads).toContainEqual(expect.objectContaining({ auditId: id, incidentId: INCIDENT, stepId: null, action: "test.payload" })), { timeout: 2000 });
    await client.end();
  });
});
