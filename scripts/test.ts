/**
 * `npm test`: every test, in order: unit, integration (real PostgreSQL), end-to-end (real Chromium).
 * All runners run even when one fails, so one run shows everything; the exit code is non-zero on any failure.
 */
import { generatePrismaClient } from "./lib/build";
import { bin, run } from "./lib/run";

const runners: { name: string; command: string; args: string[] }[] = [
  { name: "unit (vitest)", command: bin("vitest"), args: ["run", "--project", "unit"] },
  { name: "integration (vitest, PostgreSQL)", command: bin("vitest"), args: ["run", "--project", "integration"] },
  { name: "end-to-end (Playwright, Chromium)", command: bin("playwright"), args: ["test"] },
];

async function main() {
  const only = process.argv.slice(2);
  await generatePrismaClient();
  const results: { name: string; ok: boolean; seconds: number; error?: string }[] = [];
  for (const runner of runners) {
    if (only.length && !only.some((o) => runner.name.startsWith(o))) continue;
    console.log(`\n=== ${runner.name} ===`);
    const started = Date.now();
    try {
      await run(runner.command, runner.args);
      results.push({ name: runner.name, ok: true, seconds: (Date.now() - started) / 1000 });
    } catch (error) {
      results.push({ name: runner.name, ok: false, seconds: (Date.now() - started) / 1000, error: String(error) });
    }
  }
  console.log("\n=== Summary ===");
  for (const r of results) console.log(`${r.ok ? "PASS" : "FAIL"}  ${r.name}  (${r.seconds.toFixed(1)} s)${r.error ? `  ${r.error}` : ""}`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
