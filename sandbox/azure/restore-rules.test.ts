import { describe, expect, it } from "vitest";
import { checkPointInTimeRestore, checkRevive, checkServerName, earliestRestoreDate, isStillRevivable, parseArmTime } from "./restore-rules";

const now = new Date("2026-11-26T12:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe("point-in-time restore window", () => {
  const earliest = new Date("2026-11-19T12:00:00Z");
  it("accepts from the earliest restore date up to 5 minutes ago, inclusive", () => {
    expect(checkPointInTimeRestore({ point: earliest, earliest, now })).toBeUndefined();
    expect(checkPointInTimeRestore({ point: minutes(-5), earliest, now })).toBeUndefined();
  });
  it("refuses a point before the earliest restore date or within the last 5 minutes", () => {
    expect(checkPointInTimeRestore({ point: new Date(earliest.getTime() - 1000), earliest, now })?.code).toBe("PointInTimeRestoreTimeInvalid");
    expect(checkPointInTimeRestore({ point: new Date(minutes(-5).getTime() + 1000), earliest, now })?.status).toBe(400);
  });
  it("starts the window at the later of the retention start and the server's history", () => {
    expect(earliestRestoreDate({ historyStart: new Date("2026-11-01T00:00:00Z"), retentionDays: 7, now })).toEqual(earliest);
    expect(earliestRestoreDate({ historyStart: minutes(-30), retentionDays: 7, now })).toEqual(minutes(-30));
  });
});

describe("revive of a dropped server", () => {
  const deletedAt = minutes(-60);
  it("needs a point at least 10 minutes after the deletion, and not in the future", () => {
    expect(checkRevive({ point: minutes(-50), deletedAt, now })).toBeUndefined();
    expect(checkRevive({ point: now, deletedAt, now })).toBeUndefined();
    expect(checkRevive({ point: new Date(minutes(-50).getTime() - 1000), deletedAt, now })?.code).toBe("ReviveDroppedTimeInvalid");
    expect(checkRevive({ point: minutes(1), deletedAt, now })?.code).toBe("ReviveDroppedTimeInvalid");
  });
  it("is possible for 5 days after the deletion", () => {
    expect(isStillRevivable({ deletedAt: new Date(now.getTime() - 5 * 86_400_000), now })).toBe(true);
    expect(isStillRevivable({ deletedAt: new Date(now.getTime() - 5 * 86_400_000 - 1000), now })).toBe(false);
  });
});

describe("ARM input", () => {
  it("reads ISO times, a missing zone as UTC", () => {
    expect(parseArmTime("2026-11-26T10:00:00Z")).toEqual(new Date("2026-11-26T10:00:00Z"));
    expect(parseArmTime("2026-11-26T10:00:00")).toEqual(new Date("2026-11-26T10:00:00Z"));
    expect(parseArmTime("2026-11-26T11:00:00+01:00")).toEqual(new Date("2026-11-26T10:00:00Z"));
    expect(parseArmTime("yesterday")).toBeUndefined();
    expect(parseArmTime(42)).toBeUndefined();
  });
  it("accepts Azure's server names only", () => {
    expect(checkServerName("s189t01-aytq-ts-pg-ptr")).toBeUndefined();
    for (const bad of ["ab", "-abc", "abc-", "Has_Underscore", "a".repeat(64), "dot.ted"]) expect(checkServerName(bad)?.code).toBe("InvalidServerName");
  });
});
