import { DateTime, IANAZone } from "luxon";
import { UK_LOCALE, UK_ZONE } from "./zone";

export interface InstantDescription {
  /** ISO 8601 in UTC, to the second: what is stored and sent. */
  utc: string;
  /** "Sun 29 Mar 2026 00:30:00 UTC" */
  utcText: string;
  /** "Sun 29 Mar 2026 01:30:00 BST" */
  ukText: string;
  /** Both, for one line of text: "Sun 29 Mar 2026 00:30:00 UTC (01:30:00 BST, UK time)". */
  text: string;
}

/*
 * Every time the console shows (run page, timeline, live feed, reports) goes through here, thousands per page or
 * report, so the work luxon would redo on each call is done once: the weekday and month names (taken from luxon
 * itself, so they are exactly what its "ccc" and "LLL" give in en-GB), the UK offset per hour (it only changes on
 * the hour), and the zone's abbreviation per offset. The text is luxon's "ccc d LLL yyyy HH:mm:ss" to the letter
 * (test/proofs/describe-instant-cost.test.ts compares the two on thousands of instants).
 */
const WEEKDAYS = Array.from({ length: 7 }, (_, i) => DateTime.fromObject({ year: 2024, month: 1, day: 7 + i }, { zone: "utc", locale: UK_LOCALE }).toFormat("ccc"));
const MONTHS = Array.from({ length: 12 }, (_, i) => DateTime.fromObject({ year: 2024, month: i + 1, day: 1 }, { zone: "utc", locale: UK_LOCALE }).toFormat("LLL"));
const ukZone = IANAZone.create(UK_ZONE);
const HOUR = 3_600_000;
const offsets = new Map<number, number>();
const offsetNames = new Map<number, string>();

/** The UK's offset from UTC in minutes at `ms` (GMT 0, BST 60), from the time zone database, per hour. */
function ukOffset(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    offset = ukZone.offset(ms);
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

function offsetName(offset: number, ms: number): string {
  let name = offsetNames.get(offset);
  if (name === undefined) {
    const uk = DateTime.fromMillis(ms, { zone: UK_ZONE, locale: UK_LOCALE });
    name = uk.offsetNameShort ?? uk.toFormat("ZZ");
    offsetNames.set(offset, name);
  }
  return name;
}

const DAY = 86_400_000;

/**
 * The calendar fields of `ms` read as UTC, by arithmetic on the day count (the proleptic Gregorian calendar, as Date
 * and luxon use), for years 0 to 9999: no Date is made. In the console's server every `new Date(x)` goes through
 * Next.js' wrapper of the Date constructor (it watches for clock reads), several times the cost of the arithmetic,
 * and a report describes tens of thousands of times. (Days to civil date: H. Hinnant's "chrono-compatible low-level
 * date algorithms".)
 */
function fieldsOf(ms: number): { year: number; month: number; day: number; weekday: number; hour: number; minute: number; second: number; milli: number } {
  const days = Math.floor(ms / DAY);
  const inDay = ms - days * DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return {
    year: yoe + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: doy - Math.floor((153 * mp + 2) / 5) + 1,
    // 1 January 1970 was a Thursday (Sunday is 0, as Date's getUTCDay).
    weekday: (((days + 4) % 7) + 7) % 7,
    hour: Math.floor(inDay / HOUR),
    minute: Math.floor((inDay % HOUR) / 60_000),
    second: Math.floor((inDay % 60_000) / 1000),
    milli: inDay % 1000,
  };
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));
const three = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));
const year = (n: number) => String(n).padStart(4, "0");
/** Date's own range of four-digit years (toISOString writes others with six digits and a sign). */
const FIRST = Date.parse("0000-01-01T00:00:00.000Z");
const LAST = Date.parse("9999-12-31T23:59:59.999Z");

/** "Fri 2 Jan 2026 03:04:05" of an instant read as UTC (its clock fields), its calendar date and ISO text. */
function clock(ms: number): { full: string; time: string; date: string; iso: string } {
  if (ms < FIRST || ms > LAST) {
    const d = new Date(ms);
    const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
    return {
      full: `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${year(d.getUTCFullYear())} ${time}`,
      time,
      date: `${year(d.getUTCFullYear())}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`,
      iso: d.toISOString(),
    };
  }
  const f = fieldsOf(ms);
  const time = `${two(f.hour)}:${two(f.minute)}:${two(f.second)}`;
  const date = `${year(f.year)}-${two(f.month)}-${two(f.day)}`;
  return { full: `${WEEKDAYS[f.weekday]} ${f.day} ${MONTHS[f.month - 1]} ${year(f.year)} ${time}`, time, date, iso: `${date}T${time}.${three(f.milli)}Z` };
}

/** A UTC ISO instant as the console writes it ("...Z") by the platform's parser; any other ISO text through luxon. */
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
function parseInstant(text: string): number {
  if (!UTC_ISO.test(text)) return DateTime.fromISO(text, { zone: "utc" }).toMillis();
  const ms = Date.parse(text);
  // Date.parse rolls 30 February over to March: only a text that names the instant it parses to is one.
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 19) === text.slice(0, 19) ? ms : Number.NaN;
}

/** A moment as people read it in this console: UTC, with UK local time beside it. */
export function describeInstant(options: { instant: Date | string }): InstantDescription {
  const ms = typeof options.instant === "string" ? parseInstant(options.instant) : options.instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Not a valid instant: ${String(options.instant)}`);
  const offset = ukOffset(ms);
  const utc = clock(ms);
  const uk = clock(ms + offset * 60_000);
  const zone = offsetName(offset, ms);
  const utcText = `${utc.full} UTC`;
  const iso = utc.iso;
  return {
    utc: ms % 1000 === 0 ? `${iso.slice(0, 19)}Z` : iso,
    utcText,
    ukText: `${uk.full} ${zone}`,
    text: `${utcText} (${uk.date === utc.date ? uk.time : uk.full} ${zone}, UK time)`,
  };
}
