import type { LiveEvent } from "./live-event";

/**
 * Adds events to a list kept in sequence order, each id once: what the browser does with every event it gets,
 * so that a replay overlapping what the page already shows adds nothing twice.
 */
export function mergeLiveEvents(options: { existing: readonly LiveEvent[]; incoming: readonly LiveEvent[] }): LiveEvent[] {
  const { existing, incoming } = options;
  if (incoming.length === 0) return existing as LiveEvent[];
  const last = existing.length ? BigInt(existing[existing.length - 1]!.id) : -1n;
  const fresh = incoming.filter((e) => BigInt(e.id) > last);
  // The usual case: everything new comes after what is shown, in order.
  if (fresh.length === incoming.length && isAscendingUnique(fresh)) return [...existing, ...fresh];
  const byId = new Map<string, LiveEvent>();
  for (const e of existing) byId.set(e.id, e);
  for (const e of incoming) if (!byId.has(e.id)) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0));
}

function isAscendingUnique(events: readonly LiveEvent[]): boolean {
  for (let i = 1; i < events.length; i += 1) if (BigInt(events[i]!.id) <= BigInt(events[i - 1]!.id)) return false;
  return true;
}
