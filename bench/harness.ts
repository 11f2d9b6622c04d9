/**
 * The benchmark harness behind `npm run bench`: each benchmark is a named module that returns figures;
 * the harness prints one JSON line per figure (`{"name","value","unit"}`) and then a readable table.
 */

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** Target as the issue states it, e.g. "< 50". Shown in the table; not an assertion. */
  target?: string;
}

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<Figure[]>;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export function formatTable(figures: Figure[]): string {
  const rows = [["figure", "value", "unit", "target"], ...figures.map((f) => [f.name, String(Math.round(f.value * 100) / 100), f.unit, f.target ?? ""])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ")).join("\n");
}

export async function runBenchmarks(benchmarks: Benchmark[], only: string[] = [], print: (line: string) => void = console.log): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const benchmark of benchmarks) {
    if (only.length && !only.includes(benchmark.name)) continue;
    for (const figure of await benchmark.run()) {
      figures.push(figure);
      print(JSON.stringify({ name: figure.name, value: figure.value, unit: figure.unit }));
    }
  }
  print(figures.length ? `\n${formatTable(figures)}` : "(no benchmarks registered yet)");
  return figures;
}
