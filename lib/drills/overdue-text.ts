import { Duration } from "luxon";
import { UK_LOCALE } from "../time/zone";

/**
 * How long a DR test is past due, as people say it: to the day (cadences are months long), to the hour on its first
 * day. "Overdue by 257 days", not the report's to-the-second durations.
 */
export function overdueText(overdueSeconds: number): string {
  const days = Math.floor(overdueSeconds / 86_400);
  const hours = Math.floor(overdueSeconds / 3600);
  const by = days >= 1 ? Duration.fromObject({ days }) : hours >= 1 ? Duration.fromObject({ hours }) : null;
  return by ? `Overdue by ${by.reconfigure({ locale: UK_LOCALE }).toHuman({ useGrouping: true })}` : "Overdue by less than an hour";
}
