import { DateTime } from "luxon";
import { ValidationError } from "../errors";
import { describeInstant } from "./describe-instant";
import { PTR_MIN_AGE_MINUTES } from "./windows";

export interface PointInTimeRestoreWindowOptions {
  point: Date;
  now: Date;
  /** The server's backup retention in days (the catalogue's; 7 for AYTQ). */
  retentionDays: number;
  /** The server's earliestRestoreDate when Azure has told us; it wins over the retention arithmetic. */
  earliestRestoreDate?: Date | null;
  field?: string;
}

export interface RestoreWindow {
  earliest: Date;
  latest: Date;
}

/** Throws ValidationError, naming both ends of the window in UTC and UK time, when the point is outside it. */
export function checkPointInTimeRestoreWindow(options: PointInTimeRestoreWindowOptions): RestoreWindow {
  const field = options.field ?? "restorePoint";
  const now = DateTime.fromJSDate(options.now, { zone: "utc" });
  const latest = now.minus({ minutes: PTR_MIN_AGE_MINUTES }).toJSDate();
  const byRetention = now.minus({ days: options.retentionDays }).toJSDate();
  const earliest = options.earliestRestoreDate && options.earliestRestoreDate > byRetention ? options.earliestRestoreDate : byRetention;
  const point = describeInstant({ instant: options.point }).text;
  if (options.point > latest) {
    const message = `The restore point ${point} is too recent: a point-in-time restore needs a point at least ${PTR_MIN_AGE_MINUTES} minutes ago (no later than ${describeInstant({ instant: latest }).text}).`;
    throw new ValidationError(message, [{ path: field, message }]);
  }
  if (options.point < earliest) {
    const why = earliest === byRetention ? `backups are kept ${options.retentionDays} days` : "that is the server's earliest restore point";
    const message = `The restore point ${point} is too old: the earliest possible is ${describeInstant({ instant: earliest }).text} (${why}).`;
    throw new ValidationError(message, [{ path: field, message }]);
  }
  return { earliest, latest };
}
