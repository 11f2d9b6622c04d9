import { describeInstant } from "../time/describe-instant";
import type { ReportDuration, ReportTime } from "./report-schema";

/**
 * Times in a report are whole seconds (what people read and what the workflows take), so that every duration is a
 * whole number of seconds and the phases add up exactly to the total.
 */
export function floorToSecond(instant: Date | string): Date {
  return new Date(secondOf(instant));
}

function secondOf(instant: Date | string): number {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return Math.floor(ms / 1000) * 1000;
}

export function reportTime(instant: Date | string): ReportTime;
export function reportTime(instant: Date | string | null | undefined): ReportTime | null;
export function reportTime(instant: Date | string | null | undefined): ReportTime | null {
  if (instant === null || instant === undefined) return null;
  const ms = secondOf(instant);
  // A long incident's events come many to the second: the last second's texts are kept.
  if (ms !== last.ms) {
    const at = new Date(ms);
    last = { ms, utc: at.toISOString(), text: describeInstant({ instant: at }).text };
  }
  return { utc: last.utc, text: last.text };
}

let last = { ms: Number.NaN, utc: "", text: "" };

/** "2 h 07 min 05 s", "3 min 05 s", "45 s", "1 d 2 h 00 min 00 s": every unit below the largest is shown. */
export function formatSeconds(total: number): string {
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (days > 0) return `${days} d ${hours} h ${pad(minutes)} min ${pad(seconds)} s`;
  if (hours > 0) return `${hours} h ${pad(minutes)} min ${pad(seconds)} s`;
  if (minutes > 0) return `${minutes} min ${pad(seconds)} s`;
  return `${seconds} s`;
}

export function duration(seconds: number): ReportDuration {
  const whole = Math.max(0, Math.round(seconds));
  return { seconds: whole, text: formatSeconds(whole) };
}

/** From one report time to a later one; null when either is missing or `to` is earlier. */
export function durationBetween(from: ReportTime | null | undefined, to: ReportTime | null | undefined): ReportDuration | null {
  if (!from || !to) return null;
  const seconds = (Date.parse(to.utc) - Date.parse(from.utc)) / 1000;
  return seconds < 0 ? null : duration(seconds);
}
