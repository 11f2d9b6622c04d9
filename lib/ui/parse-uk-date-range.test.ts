import { describe, expect, it } from "vitest";
import { parseUkDateRange } from "./parse-uk-date-range";

describe("date filters taken as whole UK days", () => {
  it("starts a summer day at 23:00 UTC the day before, and ends it at the next UK midnight", () => {
    expect(parseUkDateRange({ from: "2026-07-24", to: "2026-07-24" })).toEqual({ from: "2026-07-23T23:00:00.000Z", to: "2026-07-24T23:00:00.000Z", errors: [] });
  });
  it("handles the day the clocks go forward (23 hours long)", () => {
    expect(parseUkDateRange({ from: "2026-03-29", to: "2026-03-29" })).toEqual({ from: "2026-03-29T00:00:00.000Z", to: "2026-03-29T23:00:00.000Z", errors: [] });
  });
  it("handles the day the clocks go back (25 hours long)", () => {
    expect(parseUkDateRange({ from: "2026-10-25", to: "2026-10-25" })).toEqual({ from: "2026-10-24T23:00:00.000Z", to: "2026-10-26T00:00:00.000Z", errors: [] });
  });
  it("refuses impossible dates and a range that ends before it starts", () => {
    expect(parseUkDateRange({ from: "2026-02-30" }).errors).toEqual([{ field: "from", message: expect.stringContaining("real date") }]);
    expect(parseUkDateRange({ from: "2026-05-02", to: "2026-05-01" }).errors).toEqual([{ field: "to", message: expect.stringContaining("after the start") }]);
  });
  it("leaves out empty fields", () => {
    expect(parseUkDateRange({ from: "", to: undefined })).toEqual({ errors: [] });
  });
});
