import { db } from "../db";
import type { LiveEvent } from "./live-event";
import { toLiveEvent } from "./to-live-event";

/** How many of an incident's latest events the run page's timeline starts with. */
export const RUN_PAGE_TIMELINE_EVENTS = 200;

/**
 * The newest `limit` audit rows of an incident, oldest first: what the run page's timeline starts from (the live
 * feed adds what follows). A long incident has thousands of rows; the page shows the latest, and the audit trail
 * page has them all.
 */
export async function readLatestAudit(options: { incidentId: string; limit: number }): Promise<LiveEvent[]> {
  const rows = await db().auditEvent.findMany({
    where: { incidentId: options.incidentId },
    orderBy: { id: "desc" },
    take: Math.min(Math.max(options.limit, 1), 5000),
  });
  return rows.reverse().map(toLiveEvent);
}
