import { z } from "zod";
import { ValidationError } from "../errors";
import { REPORT_JSON_SCHEMA_ID } from "./build-report-json-schema";
import { renderReportDocx } from "./render-report-docx";
import { renderReportMarkdown } from "./render-report-markdown";
import type { IncidentReport } from "./report-schema";

export const reportFormats = ["json", "md", "docx"] as const;
export type ReportFormat = (typeof reportFormats)[number];
const formatSchema = z.enum(reportFormats, { error: `The format: one of ${reportFormats.join(", ")}.` });

export interface ExportedReport {
  body: Uint8Array | string;
  contentType: string;
  fileName: string;
}

/** The report in one export format, with its content type and a download file name. */
export async function exportReport(options: { report: IncidentReport; format: string | null | undefined }): Promise<ExportedReport> {
  const parsed = formatSchema.safeParse(options.format ?? "json");
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]!.message, [{ path: "format", message: "json, md or docx" }]);
  const { report } = options;
  const base = `${report.summary.mode === "drill" ? "dr-test" : "incident"}-report-${report.summary.environment.key}-${report.summary.openedAt.utc.slice(0, 10)}-${report.summary.incidentId.slice(0, 8)}`;
  switch (parsed.data) {
    case "json":
      return { body: `${JSON.stringify({ $schema: REPORT_JSON_SCHEMA_ID, ...report }, null, 2)}\n`, contentType: "application/json; charset=utf-8", fileName: `${base}.json` };
    case "md":
      return { body: renderReportMarkdown(report), contentType: "text/markdown; charset=utf-8", fileName: `${base}.md` };
    case "docx":
      return {
        body: new Uint8Array(await renderReportDocx(report)),
        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        fileName: `${base}.docx`,
      };
  }
}

