import { buildReportJsonSchema } from "@/lib/reports/build-report-json-schema";
import { exportReport } from "@/lib/reports/export-report";
import { getIncidentReport } from "@/lib/reports/get-incident-report";
import { handleDownloadRequest } from "@/lib/reports/handle-download-request";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/incidents/{id}/report?format=json|md|docx: the incident's report for the retrospective, built from
 * its records now. `format=schema` answers the JSON Schema of the JSON export.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return handleDownloadRequest(
    request,
    async ({ query }) => {
      if (query.get("format") === "schema") return { body: `${JSON.stringify(buildReportJsonSchema(), null, 2)}\n`, contentType: "application/schema+json" };
      const report = await getIncidentReport({ incidentId: id });
      return exportReport({ report, format: query.get("format") });
    },
    { capability: "read" },
  );
}
