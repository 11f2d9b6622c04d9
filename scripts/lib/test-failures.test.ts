import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatFailures, playwrightFailures, vitestOutcome } from "./test-failures";

function file(name: string, content: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), "test-failures-"));
  const at = path.join(dir, name);
  writeFileSync(at, typeof content === "string" ? content : JSON.stringify(content));
  return at;
}

describe("the failure summary of npm test", () => {
  it("reads what the vitest reporter wrote: failures and flaky tests, errors cut to their first lines without colours", () => {
    const report = file("integration.outcome.json", {
      failures: [{ test: "lib/a.integration.test.ts › engine › resumes", error: "\u001b[31mAssertionError: expected 2 to be 1\u001b[39m\n\n    at a.ts:10:3\n    at b\n    at c\n    at d\n    at e\n    at f" }],
      flaky: [{ test: "lib/b.integration.test.ts › live (passed on retry 1)", error: "timed out" }],
    });
    const outcome = vitestOutcome(report);
    expect(outcome).toEqual({
      failures: [{ test: "lib/a.integration.test.ts › engine › resumes", error: "AssertionError: expected 2 to be 1\n    at a.ts:10:3\n    at b\n    at c\n    at d\n    at e" }],
      flaky: [{ test: "lib/b.integration.test.ts › live (passed on retry 1)", error: "timed out" }],
    });
    expect(formatFailures(outcome!.failures)).toBe("  ✗ lib/a.integration.test.ts › engine › resumes\n      AssertionError: expected 2 to be 1\n          at a.ts:10:3\n          at b\n          at c\n          at d\n          at e");
  });

  it("walks Playwright's nested suites and keeps only the failed specs, and errors outside any test", () => {
    const report = file("e2e.json", {
      suites: [
        {
          title: "live.spec.ts",
          specs: [{ title: "sees changes", ok: true, tests: [{ results: [{ status: "passed" }] }] }],
          suites: [
            {
              title: "the run page",
              specs: [{ title: "double click starts once", ok: false, tests: [{ results: [{ status: "failed", error: { message: "Timed out 5000ms waiting for expect(locator).toBeVisible()" } }] }] }],
            },
          ],
        },
      ],
      errors: [{ message: "Error: webServer exited early" }],
    });
    expect(playwrightFailures(report)).toEqual([
      { test: "live.spec.ts › the run page › double click starts once", error: "Timed out 5000ms waiting for expect(locator).toBeVisible()" },
      { test: "(outside any test)", error: "Error: webServer exited early" },
    ]);
  });

  it("says nothing it does not know: a missing or unreadable report gives undefined", () => {
    expect(vitestOutcome("/nonexistent/report.json")).toBeUndefined();
    expect(playwrightFailures(file("e2e.json", "{ not json"))).toBeUndefined();
  });
});
