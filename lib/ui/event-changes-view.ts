import type { IncidentView } from "../incidents/incident-view";
import type { LiveEvent } from "../live/live-event";

/**
 * Whether an audit event can change what the run page shows of the incident (its checklist and header), so that the
 * page refetches the incident only then. A note changes the timeline alone (it comes with the event), unless its
 * writer is not yet among the incident's people. Anything else (steps, operations, approvals, the incident itself,
 * and kinds added later) refetches.
 */
export function eventChangesView(options: { event: Pick<LiveEvent, "action" | "actor">; view: Pick<IncidentView, "participants"> }): boolean {
  const { event, view } = options;
  if (event.action === "note.recorded") return !view.participants.some((p) => p.id === event.actor.id);
  return true;
}
