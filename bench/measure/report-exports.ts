import type { BenchStack } from "../support/bench-stack";

/**
 * Each export format of the incident's report, once to warm up, then `each` times, one after another: from the
 * request to the last byte of the file, per format. The body is only read, not parsed (the bench client shares the
 * machine's two cores with the console: parsing a 3.7 MB JSON export here would be counted against the console).
 */
export async function measureReportExports(options: { stack: BenchStack; incidentId: string; each: number }): Promise<Record<string, number[]>> {
  const { stack, incidentId } = options;
  const out: Record<string, number[]> = {};
  const exportOnce = async (format: string): Promise<number> => {
    const started = performance.now();
    const response = await fetch(`${stack.consoles[0]!.url}/api/v1/incidents/${incidentId}/report?format=${format}`, {
      headers: { authorization: `Bearer ${stack.people.lead.token}` },
      signal: AbortSignal.timeout(60_000),
    });
    const body = await response.arrayBuffer();
    const ms = performance.now() - started;
    if (response.status !== 200 || body.byteLength < 1000) throw new Error(`the ${format} export answered ${response.status} with ${body.byteLength} bytes`);
    return ms;
  };
  for (const format of ["json", "md", "docx"]) {
    await exportOnce(format);
    out[format] = [];
    for (let i = 0; i < options.each; i += 1) out[format]!.push(await exportOnce(format));
  }
  return out;
}
