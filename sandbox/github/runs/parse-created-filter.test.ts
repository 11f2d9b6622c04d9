import { describe, expect, it } from "vitest";
import { parseCreatedFilter } from "./parse-created-filter";

describe("parseCreatedFilter", () => {
  const at = "2026-01-05T10:00:00Z";
  it("takes a bare date as the whole UTC day", () => {
    expect(parseCreatedFilter("2026-01-05")?.(at)).toBe(true);
    expect(parseCreatedFilter("2026-01-04")?.(at)).toBe(false);
  });
  it("compares with >=, >, <=, <", () => {
    expect(parseCreatedFilter(">=2026-01-05T10:00:00Z")?.(at)).toBe(true);
    expect(parseCreatedFilter(">2026-01-05T10:00:00Z")?.(at)).toBe(false);
    expect(parseCreatedFilter("<2026-01-05")?.(at)).toBe(false);
    expect(parseCreatedFilter("<=2026-01-05")?.(at)).toBe(true);
  });
  it("takes ranges with open ends", () => {
    expect(parseCreatedFilter("2026-01-01..2026-01-05")?.(at)).toBe(true);
    expect(parseCreatedFilter("2026-01-05T10:00:01Z..*")?.(at)).toBe(false);
    expect(parseCreatedFilter("*..2026-01-05T10:00:00Z")?.(at)).toBe(true);
  });
  it("refuses what is not a date", () => {
    expect(parseCreatedFilter("yesterday")).toBeUndefined();
  });
});
