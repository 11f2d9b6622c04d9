import { describe, expect, it } from "vitest";
import { nightlyRunTimes } from "./seed-backups";

describe("nightly backup times", () => {
  it("counts today's 04:00 run once it has had time to finish", () => {
    expect(nightlyRunTimes({ now: new Date("2026-11-26T04:05:00Z"), nights: 2, timeUtc: "04:00" })).toEqual([new Date("2026-11-25T04:00:00Z"), new Date("2026-11-24T04:00:00Z")]);
    expect(nightlyRunTimes({ now: new Date("2026-11-26T09:00:00Z"), nights: 3, timeUtc: "04:00" })).toEqual([
      new Date("2026-11-26T04:00:00Z"),
      new Date("2026-11-25T04:00:00Z"),
      new Date("2026-11-24T04:00:00Z"),
    ]);
  });
});
