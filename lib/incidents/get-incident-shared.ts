import { getLiveCursor } from "../live/get-live-cursor";
import { getIncident } from "./get-incident";
import type { IncidentView } from "./incident-view";

interface InFlight {
  /** The audit cursor read before this load started: the load sees every change up to it. */
  cursor: bigint;
  view: Promise<IncidentView>;
}

const inFlight = new Map<string, InFlight>();

/**
 * An incident as the run page shows it (without its notes: the timeline has them), loaded once for everyone who asks
 * at the same moment. When an action lands, every open run page refetches the incident together (50 viewers, 50
 * requests); they share one load instead of making 50. A request joins a load already running only if that load
 * started after every change the request knows of (its cursor, read first, is no newer than the load's), so nobody is
 * answered with the state from before the event that made them ask. Nothing is kept once the load ends: the next
 * request reads the database again (operation progress, which the audit trail does not carry, stays fresh).
 */
export async function getIncidentShared(options: { incidentId: string; cursor?: string }): Promise<IncidentView> {
  const cursor = BigInt(options.cursor ?? (await getLiveCursor()));
  const running = inFlight.get(options.incidentId);
  if (running && running.cursor >= cursor) return running.view;
  const view = getIncident({ incidentId: options.incidentId, withNotes: false });
  const entry: InFlight = { cursor, view };
  inFlight.set(options.incidentId, entry);
  const forget = () => {
    if (inFlight.get(options.incidentId) === entry) inFlight.delete(options.incidentId);
  };
  view.then(forget, forget);
  return view;
}
