/**
 * Writes lib/reports/incident-report.schema.json from the zod schema: `npx tsx lib/reports/testing/write-report-json-schema.ts`
 * (report-json-schema.test.ts fails until the copy matches).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildReportJsonSchema } from "../build-report-json-schema";

writeFileSync(path.join(import.meta.dirname, "..", "incident-report.schema.json"), `${JSON.stringify(buildReportJsonSchema(), null, 2)}\n`);
