import { z } from "zod";
import { incidentReportSchema, REPORT_SCHEMA_VERSION } from "./report-schema";

export const REPORT_JSON_SCHEMA_ID = `https://dr-console.education.gov.uk/schemas/incident-report/v${REPORT_SCHEMA_VERSION}.json`;

/**
 * The JSON Schema (2020-12) of the JSON export, generated from the zod schema the report is checked against, so the
 * two cannot drift. A copy is kept in incident-report.schema.json for readers outside the console; a test fails
 * when the copy is stale.
 */
export function buildReportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(incidentReportSchema, { target: "draft-2020-12", io: "output" }) as Record<string, unknown>;
  return { ...schema, $id: REPORT_JSON_SCHEMA_ID, title: "DR console incident report", description: `Incident or drill report, schema version ${REPORT_SCHEMA_VERSION}. Times are ISO 8601 UTC with a text giving UK local time beside them.` };
}
