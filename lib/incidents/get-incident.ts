import { db } from "../db";
import { loadRun } from "../engine/load-run";
import { buildIncidentView } from "./build-incident-view";
import type { IncidentView } from "./incident-view";

/**
 * An incident with its steps (state, inputs, outputs, attempts, operation), notes and participants. `withNotes: false`
 * leaves the notes out (an empty list): the run page shows them through its timeline, and a long incident has
 * thousands.
 */
export async function getIncident(options: { incidentId: string; withNotes?: boolean }): Promise<IncidentView> {
  const loaded = await loadRun({ incidentId: options.incidentId });
  const runIds = loaded.runs.map((r) => r.id);
  const [attempts, operations, notes, participants, otherOpenIncidents] = await Promise.all([
    db().stepAttempt.findMany({ where: { stepRunId: { in: runIds } } }),
    db().operation.findMany({ where: { incidentId: loaded.incident.id } }),
    options.withNotes === false ? Promise.resolve([]) : db().note.findMany({ where: { incidentId: loaded.incident.id }, orderBy: { createdAt: "asc" } }),
    db().incidentParticipant.findMany({ where: { incidentId: loaded.incident.id }, orderBy: { firstActionAt: "asc" } }),
    loaded.incident.status === "open"
      ? db().incident.count({ where: { status: "open", serviceKey: loaded.incident.serviceKey, environment: loaded.incident.environment, id: { not: loaded.incident.id } } })
      : Promise.resolve(0),
  ]);
  return buildIncidentView(loaded, { attempts, operations, notes, participants, otherOpenIncidents });
}
