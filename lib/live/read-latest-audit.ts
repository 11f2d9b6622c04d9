import { db } from "../db";
import type { LiveEvent } from "./live-event";
import { toLiveEvent } from "./to-live-event";

/**
 * How many of an incident's latest events the run page's timeline starts with. The timeline is what just happened;
 * the audit trail page has every event. Fifty keeps the page small for a long incident (its server render is the
 * run page's main cost: bench/README.md).
 */
export const RUN_PAGE_TIMELINE_EVENTS = 50;

export interface LatestAudit {
  /** The newest events, oldest first. */
  events: LiveEvent[];
  /** Whether the incident has older events than these (the timeline then links to the audit trail). */
  earlier: boolean;
}

/**
 * The newest `limit` audit rows of an incident, oldest first: what the run page's timeline starts from (the live
 * feed adds what follows). A long incident has thousands of rows; the page shows the latest, and the audit trail
 * page has them all.
 */
export async function readLatestAudit(options: { incidentId: string; limit: number }): Promise<LatestAudit> {
  const limit = Math.min(Math.max(Math.trunc(options.limit), 1), 5000);
  const rows = await db().auditEvent.findMany({
    where: { incidentId: options.incidentId },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const earlier = rows.length > limit;
  return { events: rows.slice(0, limit).reverse().map(toLiveEvent), earlier };
}
