import { describe, expect, it } from "vitest";
import { healthJson, healthStatus, healthText } from "./render-health";

const checks = [
  { name: "default", success: true, message: "Application is running", time: 0.0004, optional: false },
  { name: "version", success: false, message: "Unable to determine version", time: 0.001, optional: true },
];

describe("okcomputer rendering", () => {
  it("renders one line per check, optional ones marked", () => {
    expect(healthText(checks)).toBe("  default: PASSED Application is running (0.000s)\n  version: FAILED Unable to determine version (0.001s) (OPTIONAL)");
  });
  it("answers 200 when only optional checks fail, 500 otherwise", () => {
    expect(healthStatus(checks)).toBe(200);
    expect(healthStatus([{ ...checks[0]!, success: false }])).toBe(500);
  });
  it("renders JSON keyed by check", () => {
    expect(healthJson(checks)).toEqual({ default: { message: "Application is running", success: true, time: 0.0004 }, version: { message: "Unable to determine version", success: false, time: 0.001 } });
  });
});
