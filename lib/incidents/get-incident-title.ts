import { getEnvironment } from "../catalogue/catalogue";
import { db } from "../db";
import { isUuid } from "../engine/assert-uuid";
import { getScenario } from "../runbooks/scenarios";

/**
 * An incident's name for a page title, "Incident: Loss of data, Test" or "DR test: ...", from one small read; null
 * when there is no such incident. Pages' metadata use this rather than loading the incident or its report a second
 * time (the page itself loads them once).
 */
export async function getIncidentTitle(options: { incidentId: string }): Promise<string | null> {
  if (!isUuid(options.incidentId)) return null;
  const incident = await db().incident.findUnique({
    where: { id: options.incidentId },
    select: { mode: true, scenario: true, serviceKey: true, environment: true },
  });
  if (!incident) return null;
  const kind = incident.mode === "drill" ? "DR test" : "Incident";
  return `${kind}: ${getScenario(incident.scenario).title}, ${getEnvironment(incident.serviceKey, incident.environment).label}`;
}
