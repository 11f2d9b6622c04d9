import { describe, expect, it } from "vitest";
import { parseHealthJson, parseHealthText } from "./parse-health";

describe("okcomputer health pages", () => {
  it("parses the JSON form per check", () => {
    const body = JSON.stringify({
      default: { message: "Application is running", success: true, time: 0.001 },
      database_integrity: { message: "Database tables missing for some models", success: false, time: 0.012 },
    });
    expect(parseHealthJson(body)).toEqual([
      { name: "default", passed: true, message: "Application is running", optional: false, timeSeconds: 0.001 },
      { name: "database_integrity", passed: false, message: "Database tables missing for some models", optional: false, timeSeconds: 0.012 },
    ]);
  });

  it("parses the text form, optional checks included", () => {
    const body = [
      "  default: PASSED Application is running (0.000s)",
      "  postgresql: PASSED Schema version: 20240701120000 (0.004s)",
      "  database: FAILED Error: could not connect to server (0.031s)",
      "  version: FAILED Version: unknown (0.000s) (OPTIONAL)",
    ].join("\n");
    expect(parseHealthText(body)).toEqual([
      { name: "default", passed: true, message: "Application is running", optional: false, timeSeconds: 0 },
      { name: "postgresql", passed: true, message: "Schema version: 20240701120000", optional: false, timeSeconds: 0.004 },
      { name: "database", passed: false, message: "Error: could not connect to server", optional: false, timeSeconds: 0.031 },
      { name: "version", passed: false, message: "Version: unknown", optional: true, timeSeconds: 0 },
    ]);
  });

  it("refuses what is not a health report (an ingress 503 page, an empty answer)", () => {
    expect(parseHealthJson("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>")).toBeNull();
    expect(parseHealthText("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>")).toBeNull();
    expect(parseHealthJson("{}")).toBeNull();
    expect(parseHealthText("")).toBeNull();
    expect(parseHealthJson(JSON.stringify({ default: { message: "x" } }))).toBeNull();
  });
});
