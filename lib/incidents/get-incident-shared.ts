import { getLiveCursor } from "../live/get-live-cursor";
import { readLatestAudit, type LatestAudit } from "../live/read-latest-audit";
import { ShareByCursor } from "../live/share-by-cursor";
import { getIncident } from "./get-incident";
import type { IncidentView } from "./incident-view";

/**
 * How long a finished load is shared with later requests that know of no newer change: what the audit trail does
 * not carry (an operation's progress text, which its page also polls) is at most this old.
 */
export const SHARED_LOAD_KEEP_MS = 1000;

const views = new ShareByCursor<IncidentView>({ keepMs: SHARED_LOAD_KEEP_MS });
const timelines = new ShareByCursor<LatestAudit>({ keepMs: SHARED_LOAD_KEEP_MS });

/**
 * An incident as the run page shows it (without its notes: the timeline has them), loaded once for everyone who asks
 * at the same moment (lib/live/share-by-cursor.ts). When an action lands, every open run page refetches the incident
 * together (50 viewers, 50 requests), and when an incident is announced everyone opens it at once: they share one
 * load instead of making 50, and nobody gets a state from before the change that made them ask.
 */
export async function getIncidentShared(options: { incidentId: string; cursor?: string }): Promise<IncidentView> {
  const cursor = BigInt(options.cursor ?? (await getLiveCursor()));
  return views.get(options.incidentId, cursor, () => getIncident({ incidentId: options.incidentId, withNotes: false }));
}

/** The incident's latest audit events (the run page's timeline), shared the same way. */
export async function readLatestAuditShared(options: { incidentId: string; cursor: string; limit: number }): Promise<LatestAudit> {
  return timelines.get(`${options.incidentId}:${options.limit}`, BigInt(options.cursor), () => readLatestAudit({ incidentId: options.incidentId, limit: options.limit }));
}
