import { describe, expect, it } from "vitest";
import { occurrence, occurrencesBetween } from "./cadence";
import { computeDrillDue } from "./compute-drill-due";

const quarterly = { startsLocal: "2026-01-15T09:00", intervalMonths: 3 };
const iso = (d: Date) => d.toISOString();

describe("a quarterly cadence from 2026-01-15 09:00 UK time, across the 2026 clock changes", () => {
  it("keeps 09:00 UK time: 09:00 UTC in winter, 08:00 UTC in summer (after 29 March), 09:00 UTC again after 25 October", () => {
    expect([0, 1, 2, 3, 4].map((k) => iso(occurrence(quarterly, k)))).toEqual([
      "2026-01-15T09:00:00.000Z",
      "2026-04-15T08:00:00.000Z",
      "2026-07-15T08:00:00.000Z",
      "2026-10-15T08:00:00.000Z",
      "2027-01-15T09:00:00.000Z",
    ]);
  });

  it("lists the occurrences in a window", () => {
    expect(occurrencesBetween(quarterly, new Date("2026-03-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z")).map(iso)).toEqual([
      "2026-04-15T08:00:00.000Z",
      "2026-07-15T08:00:00.000Z",
      "2026-10-15T08:00:00.000Z",
    ]);
    expect(occurrencesBetween(quarterly, new Date("2025-01-01T00:00:00Z"), new Date("2026-01-16T00:00:00Z")).map(iso)).toEqual(["2026-01-15T09:00:00.000Z"]);
  });

  it("is overdue at 08:30 UTC on 15 April (09:30 BST), which UTC arithmetic (09:00 UTC) would miss", () => {
    const lastTestAt = new Date("2026-01-15T10:30:00Z");
    const due = computeDrillDue({ rule: quarterly, lastTestAt, now: new Date("2026-04-15T08:30:00Z") });
    expect(iso(due.dueAt)).toBe("2026-04-15T08:00:00.000Z");
    expect(due).toMatchObject({ coveredIndex: 0, overdue: true, overdueSeconds: 30 * 60 });
    expect(computeDrillDue({ rule: quarterly, lastTestAt, now: new Date("2026-04-15T07:59:59Z") }).overdue).toBe(false);
  });

  it("is not overdue at 08:30 UTC on 15 January 2027 (08:30 GMT): due at 09:00 UTC after the October change", () => {
    const due = computeDrillDue({ rule: quarterly, lastTestAt: new Date("2026-10-14T13:00:00Z"), now: new Date("2027-01-15T08:30:00Z") });
    expect(iso(due.dueAt)).toBe("2027-01-15T09:00:00.000Z");
    expect(due.overdue).toBe(false);
    expect(computeDrillDue({ rule: quarterly, lastTestAt: new Date("2026-10-14T13:00:00Z"), now: new Date("2027-01-15T09:00:01Z") }).overdue).toBe(true);
  });

  it("counts a test for the nearest occurrence: early or late tests count for that quarter", () => {
    const now = new Date("2026-05-01T00:00:00Z");
    expect(iso(computeDrillDue({ rule: quarterly, lastTestAt: new Date("2026-04-10T09:00:00Z"), now }).dueAt)).toBe("2026-07-15T08:00:00.000Z");
    expect(iso(computeDrillDue({ rule: quarterly, lastTestAt: new Date("2026-04-20T09:00:00Z"), now }).dueAt)).toBe("2026-07-15T08:00:00.000Z");
    // Tested in February for the January slot, nothing since: April is overdue on 1 May.
    expect(computeDrillDue({ rule: quarterly, lastTestAt: new Date("2026-02-10T09:00:00Z"), now })).toMatchObject({ coveredIndex: 0, overdue: true });
    // Never tested: the first occurrence is due.
    expect(iso(computeDrillDue({ rule: quarterly, lastTestAt: null, now }).dueAt)).toBe("2026-01-15T09:00:00.000Z");
    // Tested before the cadence began: counts for the first occurrence.
    expect(computeDrillDue({ rule: quarterly, lastTestAt: new Date("2025-12-01T09:00:00Z"), now }).coveredIndex).toBe(0);
  });

  it("does not drift at month ends: 31 January monthly gives 28 February, 31 March, 30 April", () => {
    const monthly = { startsLocal: "2026-01-31T09:00", intervalMonths: 1 };
    expect([0, 1, 2, 3].map((k) => iso(occurrence(monthly, k)))).toEqual([
      "2026-01-31T09:00:00.000Z",
      "2026-02-28T09:00:00.000Z",
      "2026-03-31T08:00:00.000Z",
      "2026-04-30T08:00:00.000Z",
    ]);
  });
});
