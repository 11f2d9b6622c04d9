import { db } from "../db";

/**
 * The newest audit sequence number. A page reads it BEFORE reading what it renders, and its browser asks the
 * live feed for everything after it: a change made while the page was rendering is then replayed, never lost
 * (and one already shown is recognised by its id).
 */
export async function getLiveCursor(): Promise<string> {
  const result = await db().auditEvent.aggregate({ _max: { id: true } });
  return (result._max.id ?? 0n).toString();
}
