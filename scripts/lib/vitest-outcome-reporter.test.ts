import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./run";

describe("the vitest outcome reporter", () => {
  it("writes the failed test and the flaky one, each with its error, for the project that ran them", () => {
    const dir = path.join(ROOT, "scripts", "lib", "fixtures", "outcome");
    rmSync(path.join(dir, "test-results-json"), { recursive: true, force: true });
    const run = spawnSync(
      path.join(ROOT, "node_modules", ".bin", "vitest"),
      ["run", "--root", dir, "--config", path.join(dir, "vitest.config.ts"), "--reporter", path.join(ROOT, "scripts", "lib", "vitest-outcome-reporter.ts")],
      { cwd: dir, encoding: "utf8", timeout: 60_000 },
    );
    expect(run.status, run.stderr + run.stdout).toBe(1);
    const outcome = JSON.parse(readFileSync(path.join(dir, "test-results-json", "fixture.outcome.json"), "utf8")) as { failures: { test: string; error: string }[]; flaky: { test: string; error: string }[] };
    expect(outcome.failures).toEqual([{ test: "outcome.fixture.ts › a suite › fails every time", error: expect.stringContaining("expected 'actual' to be 'expected'") }]);
    expect(outcome.flaky).toEqual([{ test: "outcome.fixture.ts › a suite › passes on its retry (passed on retry 1)", error: expect.stringContaining("first attempt") }]);
  }, 60_000);
});
