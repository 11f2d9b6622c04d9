import { DateTime } from "luxon";

/** The workflows' `restore-time` format: UTC without a suffix, to the second (e.g. 2024-07-24T06:00:00). */
export function toWorkflowTime(options: { instant: Date | string }): string {
  const at = typeof options.instant === "string" ? DateTime.fromISO(options.instant, { zone: "utc" }) : DateTime.fromJSDate(options.instant, { zone: "utc" });
  return at.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss");
}
