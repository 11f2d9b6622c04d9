/**
 * `npm test`: every test, in order: unit, integration (real PostgreSQL), end-to-end (real Chromium).
 * All runners run even when one fails, so one run shows everything; the exit code is non-zero on any failure.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { generatePrismaClient } from "./lib/build";
import { ROOT, bin, run } from "./lib/run";
import { formatFailures, playwrightFailures, vitestOutcome, type Failure } from "./lib/test-failures";

/** Where the runners write their JSON reports (git-ignored); the summary names the failed tests from them. */
const REPORTS = path.join(ROOT, "test-results-json");

/** vitest with its usual output, and scripts/lib/vitest-outcome-reporter.ts writing <project>.outcome.json. */
const vitestArgs = (project: string) => ["run", "--project", project, "--reporter=default", "--reporter=./scripts/lib/vitest-outcome-reporter.ts"];

type Outcome = { failures: Failure[]; flaky: Failure[] } | undefined;

const runners: { name: string; command: string; args: string[]; outcome: () => Outcome }[] = [
  { name: "unit (vitest)", command: bin("vitest"), args: vitestArgs("unit"), outcome: () => vitestOutcome(path.join(REPORTS, "unit.outcome.json")) },
  {
    name: "integration (vitest, PostgreSQL)",
    command: bin("vitest"),
    args: vitestArgs("integration"),
    outcome: () => vitestOutcome(path.join(REPORTS, "integration.outcome.json")),
  },
  {
    // playwright.config.ts writes its json report to test-results-json/e2e.json.
    name: "end-to-end (Playwright, Chromium)",
    command: bin("playwright"),
    args: ["test"],
    outcome: () => {
      const failures = playwrightFailures(path.join(REPORTS, "e2e.json"));
      return failures && { failures, flaky: [] };
    },
  },
];

async function main() {
  const only = process.argv.slice(2);
  await generatePrismaClient();
  rmSync(REPORTS, { recursive: true, force: true });
  mkdirSync(REPORTS, { recursive: true });
  const results: { name: string; ok: boolean; seconds: number; error?: string; outcome?: Outcome }[] = [];
  for (const runner of runners) {
    if (only.length && !only.some((o) => runner.name.startsWith(o))) continue;
    console.log(`\n=== ${runner.name} ===`);
    const started = Date.now();
    try {
      await run(runner.command, runner.args);
      results.push({ name: runner.name, ok: true, seconds: (Date.now() - started) / 1000, outcome: runner.outcome() });
    } catch (error) {
      results.push({
        name: runner.name,
        ok: false,
        seconds: (Date.now() - started) / 1000,
        error: String(error),
        outcome: runner.outcome(),
      });
    }
  }
  console.log("\n=== Summary ===");
  for (const r of results) {
    console.log(`${r.ok ? "PASS" : "FAIL"}  ${r.name}  (${r.seconds.toFixed(1)} s)${r.error ? `  ${r.error}` : ""}`);
    if (r.outcome?.failures.length) console.log(formatFailures(r.outcome.failures));
    if (r.outcome?.flaky.length) console.log(`  passed only on a retry (flaky: fix them):\n${formatFailures(r.outcome.flaky)}`);
  }
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
