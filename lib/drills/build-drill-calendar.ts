import { DateTime } from "luxon";
import { db } from "../db";
import { ValidationError } from "../errors";
import { getScenario } from "../runbooks/scenarios";
import { UK_LOCALE, UK_ZONE } from "../time/zone";
import { occurrencesBetween } from "./cadence";
import { listCadenceStatuses } from "./list-cadence-statuses";

export interface CalendarEvent {
  kind: "drill" | "due";
  /** The drill's id, or the cadence's. */
  id: string;
  /** "09:00 BST" (UK time), with the UTC time beside it in `utcText`. */
  ukTime: string;
  utcText: string;
  title: string;
  status: string;
  overdue: boolean;
  href: string;
}

export interface DrillCalendar {
  /** "2026-04" */
  month: string;
  label: string;
  previous: string;
  next: string;
  weekdays: string[];
  weeks: { days: { date: string; day: number; inMonth: boolean; today: boolean; label: string; events: CalendarEvent[] }[] }[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * A month of DR tests in UK dates, weeks from Monday: the scheduled tests (not cancelled ones) and the dates each
 * cadence falls due (marked overdue where the due date passed without a test).
 */
export async function buildDrillCalendar(options: { month?: string; now?: Date } = {}): Promise<DrillCalendar> {
  const now = options.now ?? new Date();
  const today = DateTime.fromJSDate(now, { zone: UK_ZONE }).setLocale(UK_LOCALE);
  if (options.month && !MONTH.test(options.month)) throw new ValidationError(`"${options.month}" is not a month: write it like 2026-04.`, [{ path: "month", message: "YYYY-MM" }]);
  const first = options.month ? DateTime.fromISO(`${options.month}-01`, { zone: UK_ZONE, locale: UK_LOCALE }) : today.startOf("month");
  const gridStart = first.startOf("week");
  const gridEnd = first.endOf("month").endOf("week").plus({ milliseconds: 1 });
  const from = gridStart.toUTC().toJSDate();
  const to = gridEnd.toUTC().toJSDate();

  const [drills, statuses] = await Promise.all([
    db().scheduledDrill.findMany({ where: { scheduledAt: { gte: from, lt: to }, status: { not: "cancelled" } }, orderBy: { scheduledAt: "asc" } }),
    listCadenceStatuses({ now }),
  ]);
  const events: (CalendarEvent & { at: DateTime })[] = [];
  const describe = (at: Date) => {
    const uk = DateTime.fromJSDate(at, { zone: UK_ZONE }).setLocale(UK_LOCALE);
    return { at: uk, ukTime: `${uk.toFormat("HH:mm")} ${uk.offsetNameShort}`, utcText: `${DateTime.fromJSDate(at, { zone: "utc" }).toFormat("HH:mm")} UTC` };
  };
  for (const d of drills) {
    events.push({
      kind: "drill", id: d.id, ...describe(d.scheduledAt), status: d.status, overdue: false, href: `/drills/${d.id}`,
      title: `DR test: ${d.scenarios.map((s) => getScenario(s).title).join(" and ")} in ${d.environment}`,
    });
  }
  for (const s of statuses) {
    for (const at of occurrencesBetween(s.cadence, from, to)) {
      const isDue = at.getTime() === s.due.dueAt.getTime();
      events.push({
        kind: "due", id: s.cadence.id, ...describe(at), status: isDue ? "due" : "planned", overdue: isDue && s.due.overdue, href: "/drills#matrix",
        title: `Due: ${getScenario(s.cadence.scenario).title} in ${s.cadence.environment}`,
      });
    }
  }
  const weeks: DrillCalendar["weeks"] = [];
  for (let day = gridStart; day < gridEnd; day = day.plus({ days: 1 })) {
    if (day.weekday === 1) weeks.push({ days: [] });
    weeks[weeks.length - 1]!.days.push({
      date: day.toISODate()!,
      day: day.day,
      inMonth: day.month === first.month,
      today: day.hasSame(today, "day"),
      label: day.toFormat("cccc d LLLL yyyy"),
      events: events.filter((e) => e.at.hasSame(day, "day")).sort((a, b) => a.at.toMillis() - b.at.toMillis()).map(({ at: _at, ...e }) => e),
    });
  }
  return {
    month: first.toFormat("yyyy-MM"),
    label: first.toFormat("LLLL yyyy"),
    previous: first.minus({ months: 1 }).toFormat("yyyy-MM"),
    next: first.plus({ months: 1 }).toFormat("yyyy-MM"),
    weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    weeks,
  };
}
