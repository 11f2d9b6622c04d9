import { DateTime } from "luxon";
import { ValidationError } from "../errors";
import { describeInstant } from "./describe-instant";
import { REVIVE_MAX_DAYS_SINCE_DELETION, REVIVE_MIN_MINUTES_AFTER_DELETION } from "./windows";
import type { RestoreWindow } from "./check-point-in-time-restore-window";

export interface ReviveWindowOptions {
  point: Date;
  /** When the server was deleted (activity log `submissionTimestamp`). */
  deletedAt: Date;
  now: Date;
  field?: string;
}

/**
 * A dropped server can be revived for 5 days after its deletion (not guaranteed), to a point at least
 * 10 minutes after the deletion (so that the last backup is available) and in the past.
 */
export function checkReviveWindow(options: ReviveWindowOptions): RestoreWindow {
  const field = options.field ?? "restorePoint";
  const now = DateTime.fromJSDate(options.now, { zone: "utc" });
  const deleted = DateTime.fromJSDate(options.deletedAt, { zone: "utc" });
  const deletedText = describeInstant({ instant: options.deletedAt }).text;
  if (options.deletedAt > options.now) {
    const message = `The deletion time ${deletedText} is in the future: take it from the activity log (submissionTimestamp).`;
    throw new ValidationError(message, [{ path: "deletedAt", message }]);
  }
  const closes = deleted.plus({ days: REVIVE_MAX_DAYS_SINCE_DELETION });
  if (closes < now) {
    const message = `The server was deleted at ${deletedText}, more than ${REVIVE_MAX_DAYS_SINCE_DELETION} days ago: it can no longer be revived (the window closed at ${describeInstant({ instant: closes.toJSDate() }).text}). Use option 2.`;
    throw new ValidationError(message, [{ path: "deletedAt", message }]);
  }
  const earliest = deleted.plus({ minutes: REVIVE_MIN_MINUTES_AFTER_DELETION }).toJSDate();
  const point = describeInstant({ instant: options.point }).text;
  if (options.point < earliest) {
    const message = `The restore point ${point} is too early: it must be at least ${REVIVE_MIN_MINUTES_AFTER_DELETION} minutes after the deletion (${deletedText}), so no earlier than ${describeInstant({ instant: earliest }).text}.`;
    throw new ValidationError(message, [{ path: field, message }]);
  }
  if (options.point >= options.now) {
    const message = `The restore point ${point} is not in the past: wait until then, or choose an earlier point (no earlier than ${describeInstant({ instant: earliest }).text}).`;
    throw new ValidationError(message, [{ path: field, message }]);
  }
  return { earliest, latest: options.now };
}
