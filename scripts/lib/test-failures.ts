/**
 * Reads the reports that `npm test` asks vitest and Playwright to write, and names the tests that failed (and those
 * that passed only on a retry), each with the first lines of its error, so that the summary at the very end of a long
 * run (the only part a CI log tail may keep) says what broke, not just which runner.
 */
import { readFileSync } from "node:fs";

export type Failure = { test: string; error: string };

const ERROR_LINES = 6;

function firstLines(text: string | undefined): string {
  if (!text) return "";
  // Drop ANSI colours: the summary is read in plain logs.
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*m/g, "");
  return plain.split("\n").filter((line) => line.trim() !== "").slice(0, ERROR_LINES).join("\n");
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** What scripts/lib/vitest-outcome-reporter.ts wrote for a project. Undefined when it is missing. */
export function vitestOutcome(file: string): { failures: Failure[]; flaky: Failure[] } | undefined {
  const outcome = readJson(file) as { failures?: Failure[]; flaky?: Failure[] } | undefined;
  if (!outcome || !Array.isArray(outcome.failures)) return undefined;
  const tidy = (list: Failure[] | undefined) => (list ?? []).map((f) => ({ test: f.test, error: firstLines(f.error) }));
  return { failures: tidy(outcome.failures), flaky: tidy(outcome.flaky) };
}

type PlaywrightSuite = {
  title?: string;
  file?: string;
  specs?: { title?: string; ok?: boolean; tests?: { results?: { status?: string; error?: { message?: string } }[] }[] }[];
  suites?: PlaywrightSuite[];
};

/** Failures from Playwright's `json` reporter. Undefined when the report is missing. */
export function playwrightFailures(file: string): Failure[] | undefined {
  const report = readJson(file) as { suites?: PlaywrightSuite[]; errors?: { message?: string }[] } | undefined;
  if (!report?.suites) return undefined;
  const failures: Failure[] = [];
  const walk = (suite: PlaywrightSuite, titles: string[]) => {
    const here = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      if (spec.ok !== false) continue;
      const results = spec.tests?.flatMap((t) => t.results ?? []) ?? [];
      const error = results.map((r) => r.error?.message).find(Boolean);
      failures.push({ test: [...here, spec.title ?? "?"].join(" › "), error: firstLines(error) });
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report.suites) walk(suite, []);
  for (const error of report.errors ?? []) failures.push({ test: "(outside any test)", error: firstLines(error.message) });
  return failures;
}

export function formatFailures(failures: Failure[]): string {
  return failures
    .map((f) => [`  ✗ ${f.test}`, ...f.error.split("\n").filter(Boolean).map((line) => `      ${line}`)].join("\n"))
    .join("\n");
}
