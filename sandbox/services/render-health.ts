import type { CheckResult } from "./run-health-checks";

/** okcomputer's two renderings of the checks, and its status rule: 200 when every non-optional check passed. */

export function healthStatus(checks: CheckResult[]): 200 | 500 {
  return checks.every((c) => c.success || c.optional) ? 200 : 500;
}

export function healthText(checks: CheckResult[]): string {
  return checks
    .map((c) => `  ${c.name}: ${c.success ? "PASSED" : "FAILED"} ${c.message} (${c.time.toFixed(3)}s)${c.optional ? " (OPTIONAL)" : ""}`)
    .join("\n");
}

export function healthJson(checks: CheckResult[]): Record<string, { message: string; success: boolean; time: number }> {
  return Object.fromEntries(checks.map((c) => [c.name, { message: c.message, success: c.success, time: c.time }]));
}
