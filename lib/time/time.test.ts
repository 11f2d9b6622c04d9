import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors";
import { parseUkOrUtcTime } from "./parse-uk-or-utc-time";
import { describeInstant } from "./describe-instant";
import { toWorkflowTime } from "./to-workflow-time";
import { checkPointInTimeRestoreWindow } from "./check-point-in-time-restore-window";
import { checkReviveWindow } from "./check-revive-window";

const uk = (text: string) => parseUkOrUtcTime({ text, zone: "uk", field: "restore point" });
const utc = (text: string) => parseUkOrUtcTime({ text, zone: "utc", field: "restore point" });

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
  throw new Error("expected a ValidationError");
}

describe("UK local time and UTC on 29 March 2026 (clocks go forward at 01:00 GMT)", () => {
  it("converts a UK time before the change as GMT", () => {
    expect(uk("2026-03-29T00:59:59").utc).toBe("2026-03-29T00:59:59Z");
  });
  it("refuses a UK time in the skipped hour, saying it does not exist", () => {
    expect(refusal(() => uk("2026-03-29T01:30"))).toMatch(/2026-03-29 01:30 does not exist in UK time.*clocks went forward/);
    expect(refusal(() => uk("2026-03-29 01:00"))).toMatch(/does not exist/);
  });
  it("converts a UK time after the change as BST (UTC+1)", () => {
    expect(uk("2026-03-29T02:00").utc).toBe("2026-03-29T01:00:00Z");
    expect(uk("2026-03-29T02:30").utc).toBe("2026-03-29T01:30:00Z");
  });
  it("accepts UTC times in the UK's skipped hour and shows them in BST", () => {
    const parsed = utc("2026-03-29T01:30");
    expect(parsed.utc).toBe("2026-03-29T01:30:00Z");
    expect(parsed.ukText).toBe("Sun 29 Mar 2026 02:30:00 BST");
    expect(parsed.utcText).toBe("Sun 29 Mar 2026 01:30:00 UTC");
    expect(parsed.text).toBe("Sun 29 Mar 2026 01:30:00 UTC (02:30:00 BST, UK time)");
  });
});

describe("UK local time and UTC on 25 October 2026 (clocks go back at 02:00 BST)", () => {
  it("converts a UK time before the repeated hour as BST, on the previous UTC day", () => {
    expect(uk("2026-10-25T00:30").utc).toBe("2026-10-24T23:30:00Z");
  });
  it("refuses a UK time in the repeated hour, naming both readings", () => {
    const message = refusal(() => uk("2026-10-25T01:30"));
    expect(message).toMatch(/2026-10-25 01:30 is ambiguous in UK time.*clocks went back/);
    expect(message).toContain("00:30:00 UTC (BST)");
    expect(message).toContain("01:30:00 UTC (GMT)");
  });
  it("converts a UK time after the change as GMT", () => {
    expect(uk("2026-10-25T02:00").utc).toBe("2026-10-25T02:00:00Z");
  });
  it("accepts both UTC readings of the repeated hour and shows them apart", () => {
    expect(utc("2026-10-25T00:30").ukText).toBe("Sun 25 Oct 2026 01:30:00 BST");
    expect(utc("2026-10-25T01:30").ukText).toBe("Sun 25 Oct 2026 01:30:00 GMT");
  });
});

describe("parsing", () => {
  it("drops fractions of a second (1-second resolution)", () => {
    expect(utc("2026-07-24T06:00:00.999Z").utc).toBe("2026-07-24T06:00:00Z");
  });
  it("takes a time with its own offset as written", () => {
    expect(uk("2026-07-24T07:00:00+01:00").utc).toBe("2026-07-24T06:00:00Z");
    expect(uk("2026-07-24T06:00:00Z").utc).toBe("2026-07-24T06:00:00Z");
  });
  it("converts summer UK time to UTC", () => {
    expect(uk("2026-07-24T07:00").utc).toBe("2026-07-24T06:00:00Z");
    expect(uk("2026-12-24T07:00").utc).toBe("2026-12-24T07:00:00Z");
  });
  it("refuses malformed and impossible dates clearly", () => {
    expect(refusal(() => uk("yesterday at 6"))).toMatch(/is not a date and time/);
    expect(refusal(() => uk("2026-02-30T06:00"))).toMatch(/not a real date and time/);
    expect(refusal(() => uk("2026-07-24T06:00:00+1"))).toMatch(/is not a date and time/);
    expect(refusal(() => uk("2026-07-24"))).toMatch(/is not a date and time/);
  });
  it("formats for the workflows' restore-time input", () => {
    expect(toWorkflowTime({ instant: "2026-07-24T06:00:00Z" })).toBe("2026-07-24T06:00:00");
    expect(describeInstant({ instant: new Date("2026-01-02T03:04:05Z") }).text).toBe("Fri 2 Jan 2026 03:04:05 UTC (03:04:05 GMT, UK time)");
  });
});

describe("point-in-time restore window (5 minutes ago back to 7 days)", () => {
  const now = new Date("2026-07-24T12:00:00Z");
  const check = (point: string, earliestRestoreDate?: Date) =>
    checkPointInTimeRestoreWindow({ point: new Date(point), now, retentionDays: 7, earliestRestoreDate });
  it("accepts points inside the window, at both edges", () => {
    expect(check("2026-07-24T11:55:00Z").latest).toEqual(new Date("2026-07-24T11:55:00Z"));
    expect(check("2026-07-17T12:00:00Z").earliest).toEqual(new Date("2026-07-17T12:00:00Z"));
  });
  it("refuses a point less than 5 minutes ago, or in the future", () => {
    expect(refusal(() => check("2026-07-24T11:55:01Z"))).toMatch(/too recent.*at least 5 minutes ago/);
    expect(refusal(() => check("2026-07-25T11:00:00Z"))).toMatch(/too recent/);
  });
  it("refuses a point older than the retention", () => {
    expect(refusal(() => check("2026-07-17T11:59:59Z"))).toMatch(/too old.*backups are kept 7 days/);
  });
  it("uses the server's earliest restore date when known", () => {
    expect(refusal(() => check("2026-07-20T00:00:00Z", new Date("2026-07-21T00:00:00Z")))).toMatch(/earliest restore point/);
  });
});

describe("revive window (deletion within 5 days; point at least 10 minutes after it, in the past)", () => {
  const now = new Date("2026-07-24T12:00:00Z");
  const deletedAt = new Date("2026-07-24T09:00:00Z");
  const check = (point: string, deleted = deletedAt) => checkReviveWindow({ point: new Date(point), deletedAt: deleted, now });
  it("accepts a point 10 minutes after the deletion", () => {
    expect(check("2026-07-24T09:10:00Z").earliest).toEqual(new Date("2026-07-24T09:10:00Z"));
  });
  it("refuses a point less than 10 minutes after the deletion", () => {
    expect(refusal(() => check("2026-07-24T09:09:59Z"))).toMatch(/at least 10 minutes after the deletion/);
  });
  it("refuses a point not in the past", () => {
    expect(refusal(() => check("2026-07-24T12:00:00Z"))).toMatch(/not in the past/);
  });
  it("refuses when the deletion was more than 5 days ago", () => {
    expect(refusal(() => check("2026-07-19T09:00:00Z", new Date("2026-07-19T08:00:00Z")))).toMatch(/more than 5 days ago.*option 2/);
  });
});
