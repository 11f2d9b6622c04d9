import { DateTime } from "luxon";
import { UK_ZONE } from "../time/zone";

export interface UkDateRange {
  /** Start of the `from` day in UK time, as ISO UTC. */
  from?: string;
  /** Start of the day after `to` in UK time (the range excludes it), as ISO UTC. */
  to?: string;
  errors: { field: "from" | "to"; message: string }[];
}

/**
 * A from/to filter typed as dates (YYYY-MM-DD, what a date input gives), taken as whole UK days: people think of
 * "the 29th" on the UK clock, which in summer starts at 23:00 UTC the day before.
 */
export function parseUkDateRange(options: { from?: string; to?: string }): UkDateRange {
  const out: UkDateRange = { errors: [] };
  const read = (field: "from" | "to", text: string | undefined) => {
    const value = text?.trim();
    if (!value) return undefined;
    const day = DateTime.fromISO(value, { zone: UK_ZONE });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !day.isValid) {
      out.errors.push({ field, message: `The ${field === "from" ? "start" : "end"} date must be a real date, like 2026-03-29` });
      return undefined;
    }
    return day.startOf("day");
  };
  const from = read("from", options.from);
  const to = read("to", options.to);
  if (from) out.from = from.toUTC().toISO()!;
  if (to) out.to = to.plus({ days: 1 }).startOf("day").toUTC().toISO()!;
  if (from && to && to < from) out.errors.push({ field: "to", message: "The end date must be the same as or after the start date" });
  return out;
}
