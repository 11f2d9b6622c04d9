import { DateTime } from "luxon";
import { StepFailedError } from "./workflow-definition";

/**
 * A `restore-time` input as az reads `--restore-time`: ISO 8601; without an offset it is UTC (the workflows say
 * "in UTC"). Anything else fails the step as az's argument validation does.
 */
export function parseRestoreTime(value: string): Date {
  const parsed = DateTime.fromISO(value.trim(), { zone: "utc", setZone: true });
  if (!value.trim() || !parsed.isValid) {
    throw new StepFailedError(`ERROR: Incorrect value for --restore-time: '${value}'. The value should be in ISO8601 format, e.g. 2024-07-24T06:00:00`);
  }
  return parsed.toJSDate();
}
