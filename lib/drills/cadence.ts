import { DateTime } from "luxon";
import { UK_LOCALE, UK_ZONE } from "../time/zone";

/**
 * Recurring DR tests: occurrence k of a cadence is its first occurrence plus k x interval months, computed with
 * luxon in Europe/London, so every occurrence keeps the UK wall-clock time it was set at (09:00 stays 09:00 in
 * summer and winter: 09:00 GMT = 09:00 UTC in January, 09:00 BST = 08:00 UTC in April). Each occurrence is computed
 * from the first one, never from the previous one, so month ends do not drift (31 Jan, 30 Apr, 31 Jul, 31 Oct).
 *
 * Why luxon and not an RFC 5545 library such as `rrule`: rrule.js works on "floating" dates whose UTC fields stand
 * for local wall-clock fields, so each occurrence must be converted by hand to a zone-aware instant, which is the
 * error-prone part; luxon's calendar arithmetic in a named zone does exactly that, and the console already uses it
 * for every UK/UTC conversion (lib/time).
 */

export const CADENCES = [
  { months: 1, label: "Monthly" },
  { months: 3, label: "Quarterly" },
  { months: 6, label: "Every six months" },
  { months: 12, label: "Yearly" },
] as const;

export interface CadenceRule {
  /** The first occurrence in UK wall-clock time, "2026-01-15T09:00". */
  startsLocal: string;
  intervalMonths: number;
}

/** Occurrence k (k >= 0) as a UTC instant. */
export function occurrence(rule: CadenceRule, k: number): Date {
  const first = DateTime.fromISO(rule.startsLocal, { zone: UK_ZONE, locale: UK_LOCALE });
  if (!first.isValid) throw new RangeError(`Not a UK local time: ${rule.startsLocal}`);
  return first.plus({ months: k * rule.intervalMonths }).toUTC().toJSDate();
}

/** The index of the last occurrence at or before `at` (-1 when `at` is before the first). */
export function occurrenceIndexAtOrBefore(rule: CadenceRule, at: Date): number {
  const first = DateTime.fromISO(rule.startsLocal, { zone: UK_ZONE });
  const months = DateTime.fromJSDate(at, { zone: UK_ZONE }).diff(first, "months").months;
  let k = Math.max(-1, Math.floor(months / rule.intervalMonths) + 1);
  while (k >= 0 && occurrence(rule, k).getTime() > at.getTime()) k -= 1;
  while (occurrence(rule, k + 1).getTime() <= at.getTime()) k += 1;
  return k;
}

/** Occurrences in [from, to), in order. */
export function occurrencesBetween(rule: CadenceRule, from: Date, to: Date): Date[] {
  const out: Date[] = [];
  for (let k = Math.max(0, occurrenceIndexAtOrBefore(rule, from)); ; k += 1) {
    const at = occurrence(rule, k);
    if (at.getTime() >= to.getTime()) return out;
    if (at.getTime() >= from.getTime()) out.push(at);
  }
}
