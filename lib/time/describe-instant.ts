import { DateTime } from "luxon";
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

const FORMAT = "ccc d LLL yyyy HH:mm:ss";

/** A moment as people read it in this console: UTC, with UK local time beside it. */
export function describeInstant(options: { instant: Date | string }): InstantDescription {
  const at = typeof options.instant === "string" ? DateTime.fromISO(options.instant, { zone: "utc" }) : DateTime.fromJSDate(options.instant, { zone: "utc" });
  if (!at.isValid) throw new RangeError(`Not a valid instant: ${String(options.instant)}`);
  const utc = at.setLocale(UK_LOCALE);
  const uk = at.setZone(UK_ZONE).setLocale(UK_LOCALE);
  const utcText = `${utc.toFormat(FORMAT)} UTC`;
  const ukText = `${uk.toFormat(FORMAT)} ${uk.offsetNameShort ?? uk.toFormat("ZZ")}`;
  const ukTime = uk.toFormat("HH:mm:ss");
  const sameDay = uk.toISODate() === utc.toISODate();
  return {
    utc: utc.toUTC().toISO({ suppressMilliseconds: true }) ?? "",
    utcText,
    ukText,
    text: `${utcText} (${sameDay ? ukTime : uk.toFormat(FORMAT)} ${uk.offsetNameShort}, UK time)`,
  };
}
