import { DateTime } from "luxon";
import { ValidationError } from "../errors";
import { describeInstant, type InstantDescription } from "./describe-instant";
import { UK_LOCALE, UK_ZONE } from "./zone";

/** Which clock a typed time is on. A time with its own offset (`Z`, `+01:00`) is taken as written whatever this says. */
export type TypedZone = "uk" | "utc";

export interface ParseTimeOptions {
  text: string;
  zone: TypedZone;
  /** The input's name in messages ("restore point"). */
  field?: string;
}

export interface ParsedTime extends InstantDescription {
  typed: string;
  zone: TypedZone;
}

// ISO-like: 2026-03-29T01:30, 2026-03-29 01:30:15, ...Z, ...+01:00. Fractions of a second are accepted and dropped:
// point-in-time restore has 1-second resolution, and the workflows take whole seconds.
const PATTERN = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses a time typed as UK local time or UTC, with luxon (zone rules from the platform's tz database).
 * A UK time that does not exist (the hour skipped when clocks go forward) or happened twice (the hour repeated
 * when they go back) is refused with a message saying so: guessing would move the restore point by an hour.
 */
export function parseUkOrUtcTime(options: ParseTimeOptions): ParsedTime {
  const field = options.field ?? "time";
  const typed = options.text.trim();
  const match = PATTERN.exec(typed);
  if (!match) {
    throw new ValidationError(`The ${field} "${typed}" is not a date and time: write it like 2026-07-24T06:00 or 2026-07-24 06:00:00 (UK time or UTC), or with its offset (2026-07-24T06:00:00Z).`, [
      { path: "", message: "expected YYYY-MM-DDTHH:MM[:SS], optionally followed by Z or an offset such as +01:00" },
    ]);
  }
  const [, date, time, offset] = match;
  const wall = `${date}T${time}`;
  const explicit = offset !== undefined;
  const zone = explicit ? "utc" : options.zone === "uk" ? UK_ZONE : "utc";
  const parsed = explicit
    ? DateTime.fromISO(`${wall}${offset!.toUpperCase()}`, { setZone: true })
    : DateTime.fromISO(wall, { zone, locale: UK_LOCALE });
  if (!parsed.isValid) {
    throw new ValidationError(`The ${field} "${typed}" is not a real date and time (${parsed.invalidExplanation ?? parsed.invalidReason}).`, [
      { path: "", message: "not a real date and time" },
    ]);
  }

  if (!explicit && options.zone === "uk") {
    // luxon moves a wall time in the spring-forward gap to the next valid time: a different wall clock means it never existed.
    const asWritten = DateTime.fromISO(wall, { zone: "utc" });
    if (parsed.toFormat("yyyy-MM-dd'T'HH:mm:ss") !== asWritten.toFormat("yyyy-MM-dd'T'HH:mm:ss")) {
      throw new ValidationError(
        `${date} ${time} does not exist in UK time: that night the clocks went forward from 01:00 GMT to 02:00 BST, so times from 01:00 to 01:59 were skipped. Check the time, or type it in UTC.`,
        [{ path: "", message: "this UK local time does not exist (clocks went forward)" }],
      );
    }
    const candidates = parsed.getPossibleOffsets();
    if (candidates.length > 1) {
      const readings = candidates
        .map((c) => `${c.toUTC().toFormat("HH:mm:ss")} UTC (${c.setLocale(UK_LOCALE).offsetNameShort})`)
        .join(" or ");
      throw new ValidationError(
        `${date} ${time} is ambiguous in UK time: that night the clocks went back from 02:00 BST to 01:00 GMT, so it happened twice: ${readings}. Type the time in UTC to say which.`,
        [{ path: "", message: "this UK local time happened twice (clocks went back)" }],
      );
    }
  }

  return { ...describeInstant({ instant: parsed.toUTC().toJSDate() }), typed, zone: options.zone };
}
