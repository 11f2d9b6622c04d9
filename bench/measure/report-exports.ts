import { expectOk } from "../../test/proofs/support/api-client";
import type { BenchStack } from "../support/bench-stack";

/** Each export format of the incident's report, once to warm up, then `each` times: the times, per format. */
export async function measureReportExports(options: { stack: BenchStack; incidentId: string; each: number }): Promise<Record<string, number[]>> {
  const { stack, incidentId } = options;
  const lead = stack.api("lead");
  const out: Record<string, number[]> = {};
  for (const format of ["json", "md", "docx"]) {
    const route = `/api/v1/incidents/${incidentId}/report?format=${format}`;
    expectOk(await lead.get(route), `exporting the report as ${format}`);
    out[format] = [];
    for (let i = 0; i < options.each; i += 1) {
      const started = performance.now();
      const response = await lead.raw(route, { method: "GET" });
      if (response.status !== 200) throw new Error(`the ${format} export answered ${response.status}`);
      out[format]!.push(performance.now() - started);
    }
  }
  return out;
}
