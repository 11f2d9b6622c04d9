import { describe, expect, it } from "vitest";
import { formatTable, percentile, runBenchmarks } from "./harness";

describe("benchmark harness", () => {
  it("computes nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile([7], 95)).toBe(7);
  });

  it("prints one JSON line per figure and a table", async () => {
    const lines: string[] = [];
    await runBenchmarks(
      [{ name: "demo", description: "", run: async () => [{ name: "demo_ms", value: 12.345, unit: "ms", target: "< 50" }] }],
      [],
      (l) => lines.push(l),
    );
    expect(JSON.parse(lines[0]!)).toEqual({ name: "demo_ms", value: 12.345, unit: "ms" });
    expect(lines[1]).toContain(formatTable([{ name: "demo_ms", value: 12.345, unit: "ms", target: "< 50" }]));
  });
});
