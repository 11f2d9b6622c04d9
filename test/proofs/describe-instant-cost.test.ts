import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { describeInstant, type InstantDescription } from "../../lib/time/describe-instant";

/**
 * Found by the benchmarks (issue 9): every time on the run page, the timeline, the live feed and the reports goes
 * through describeInstant, and with luxon doing the whole job it cost ~135 µs a call (luxon's `offsetNameShort` builds
 * an Intl formatter each time): 1,000 notes took 135 ms, a 10,000-event report ~1.5 s. The text must stay exactly
 * what luxon made, which these tests hold it to (its speed is measured by `npm run bench`, not here).
 */

/** describeInstant as it was, all luxon: the reference. */
function withLuxon(instant: Date | string): InstantDescription {
  const at = typeof instant === "string" ? DateTime.fromISO(instant, { zone: "utc" }) : DateTime.fromJSDate(instant, { zone: "utc" });
  const FORMAT = "ccc d LLL yyyy HH:mm:ss";
  const utc = at.setLocale("en-GB");
  const uk = at.setZone("Europe/London").setLocale("en-GB");
  const utcText = `${utc.toFormat(FORMAT)} UTC`;
  const ukText = `${uk.toFormat(FORMAT)} ${uk.offsetNameShort ?? uk.toFormat("ZZ")}`;
  const sameDay = uk.toISODate() === utc.toISODate();
  return {
    utc: utc.toUTC().toISO({ suppressMilliseconds: true }) ?? "",
    utcText,
    ukText,
    text: `${utcText} (${sameDay ? uk.toFormat("HH:mm:ss") : uk.toFormat(FORMAT)} ${uk.offsetNameShort}, UK time)`,
  };
}

describe("describeInstant", () => {
  it("gives exactly luxon's text around every clock change from 1996 to 2040, and at random instants", () => {
    const instants: Date[] = [];
    for (let y = 1996; y <= 2040; y += 1) {
      for (const month of [2, 9]) {
        // The last Sunday of March and October, 01:00 UTC: the UK's changes; a few seconds and hours either side.
        const lastDay = new Date(Date.UTC(y, month + 1, 0));
        const sunday = lastDay.getUTCDate() - lastDay.getUTCDay();
        const change = Date.UTC(y, month, sunday, 1);
        for (const delta of [-7_200_000, -3_600_001, -1000, -1, 0, 1, 999, 3_599_999, 3_600_000, 86_400_000]) instants.push(new Date(change + delta));
      }
    }
    let seed = 42;
    for (let i = 0; i < 5000; i += 1) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      instants.push(new Date(Date.UTC(1990, 0, 1) + Math.floor((seed / 2 ** 32) * 50 * 365.25 * 86_400_000)));
    }
    for (const instant of instants) expect(describeInstant({ instant }), instant.toISOString()).toEqual(withLuxon(instant));
    for (const text of ["2026-03-29T00:59:59Z", "2026-10-25T01:30:00.250Z", "2026-07-24T06:00:00+01:00", "2026-12-31T23:59:59.999Z"]) {
      expect(describeInstant({ instant: text })).toEqual(withLuxon(text));
    }
    // The calendar arithmetic over its whole range (years 0 to 9999, before 1970 too) and at its ends: the UTC text.
    // (The UK text of times before 1972 is not the console's business: the zone's names then were not today's.)
    const wide: Date[] = ["0000-01-01T00:00:00.000Z", "0000-02-29T12:00:00Z", "1600-02-29T23:59:59.999Z", "1900-02-28T23:59:59Z", "1900-03-01T00:00:00Z",
      "1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "2000-02-29T00:00:00.001Z", "2100-03-01T00:00:00Z", "9999-12-31T23:59:59.999Z"].map((t) => new Date(t));
    for (let i = 0; i < 2000; i += 1) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      wide.push(new Date(Date.parse("0000-01-01T00:00:00Z") + Math.floor((seed / 2 ** 32) * 9999 * 365.25 * 86_400_000)));
    }
    for (const instant of wide) {
      const { utc, utcText } = withLuxon(instant);
      expect(describeInstant({ instant }), instant.toISOString()).toMatchObject({ utc, utcText });
    }
    expect(describeInstant({ instant: new Date("2026-07-24T23:30:00Z") }).text).toBe("Fri 24 Jul 2026 23:30:00 UTC (Sat 25 Jul 2026 00:30:00 BST, UK time)");
    expect(() => describeInstant({ instant: "not a time" })).toThrow(RangeError);
    // The platform's parser would roll these over to the next day: they are refused, as luxon refuses them.
    for (const text of ["2026-02-30T00:00:00Z", "2026-02-28T24:00:00Z", "2026-13-01T00:00:00Z", "2026-04-31T10:00:00.5Z"]) expect(() => describeInstant({ instant: text }), text).toThrow(RangeError);
    // 7,000 comparisons with luxon: about a second alone, more on a busy machine; a correctness check, not a timing.
  }, 60_000);
});
