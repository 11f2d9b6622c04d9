import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Reporter, SerializedError, TestCase, TestModule, Vitest } from "vitest/node";
import type { Failure } from "./test-failures";

/**
 * A vitest reporter that writes, per project, the tests that failed and the tests that passed only on a retry
 * (flaky), each with its error, to <root>/test-results-json/<project>.outcome.json: `npm test` prints them in its summary
 * (scripts/test.ts), so the end of a long CI log says what broke and what wobbled.
 */
export default class OutcomeReporter implements Reporter {
  private root = process.cwd();

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const byProject = new Map<string, { failures: Failure[]; flaky: Failure[] }>();
    const entry = (project: string) => {
      let found = byProject.get(project);
      if (!found) byProject.set(project, (found = { failures: [], flaky: [] }));
      return found;
    };
    for (const module of modules) {
      const where = path.relative(this.root, module.moduleId);
      const outcome = entry(module.project.name || "default");
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const result = test.result();
        const name = `${where} › ${fullName(test)}`;
        if (result.state === "failed") {
          failedTests += 1;
          outcome.failures.push({ test: name, error: errorText(result.errors) });
        } else if (test.diagnostic()?.flaky) {
          outcome.flaky.push({ test: `${name} (passed on retry ${test.diagnostic()!.retryCount})`, error: errorText(result.errors) });
        }
      }
      // A file can fail outside any test: an import error, a failing beforeAll or afterAll.
      const moduleErrors = module.errors();
      if (moduleErrors.length && failedTests === 0) outcome.failures.push({ test: where, error: errorText(moduleErrors) });
    }
    if (unhandledErrors.length) {
      for (const outcome of byProject.size ? byProject.values() : [entry("default")]) {
        outcome.failures.push({ test: "(unhandled error)", error: errorText(unhandledErrors) });
      }
    }
    const dir = path.join(this.root, "test-results-json");
    mkdirSync(dir, { recursive: true });
    for (const [project, outcome] of byProject) writeFileSync(path.join(dir, `${project}.outcome.json`), JSON.stringify(outcome, null, 2));
  }
}

function fullName(test: TestCase): string {
  const names: string[] = [test.name];
  for (let parent = test.parent; parent.type === "suite"; parent = parent.parent) names.unshift(parent.name);
  return names.join(" › ");
}

function errorText(errors: ReadonlyArray<SerializedError | { message?: string; stack?: string }> | undefined): string {
  const first = errors?.[0];
  if (!first) return "";
  const where = first.stack?.split("\n").filter((line) => line.trim().startsWith("at ")).slice(0, 3).join("\n");
  return [first.message, where].filter(Boolean).join("\n");
}
