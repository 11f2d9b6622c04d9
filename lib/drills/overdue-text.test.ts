import { describe, expect, it } from "vitest";
import { overdueText } from "./overdue-text";

describe("overdueText", () => {
  it.each([
    [59, "Overdue by less than an hour"],
    [3600, "Overdue by 1 hour"],
    [23 * 3600 + 3599, "Overdue by 23 hours"],
    [86_400, "Overdue by 1 day"],
    [257 * 86_400 + 2 * 3600 + 56 * 60 + 19, "Overdue by 257 days"],
    [1_000 * 86_400, "Overdue by 1,000 days"],
  ])("%i seconds: %s", (seconds, text) => {
    expect(overdueText(seconds)).toBe(text);
  });
});
