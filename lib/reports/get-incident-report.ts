import { buildIncidentReport } from "./build-incident-report";
import { loadReportRecords } from "./load-report-records";
import type { IncidentReport } from "./report-schema";

/** The report of an incident or drill, from its records: summary, measured times, RTO/RPO, steps, timeline... */
export async function getIncidentReport(options: { incidentId: string; now?: Date }): Promise<IncidentReport> {
  return buildIncidentReport(await loadReportRecords(options));
}
