import { createEvents, type EventAttributes } from "ics";
import { DateTime } from "luxon";
import { env } from "../config/env";
import { db } from "../db";
import { getScenario } from "../runbooks/scenarios";
import { occurrencesBetween } from "./cadence";
import { listCadenceStatuses } from "./list-cadence-statuses";

/** How far back and ahead the feed reaches. */
const PAST_DAYS = 90;
const AHEAD_DAYS = 400;

/**
 * The DR test calendar as an iCalendar feed (RFC 5545, made with the `ics` package) that Outlook or Google
 * Calendar can subscribe to: every scheduled test (cancelled ones as CANCELLED, so subscribers drop them) and the
 * dates each cadence falls due. Times are written in UTC, so every client shows them right in its own zone.
 */
export async function buildDrillsIcs(options: { now?: Date } = {}): Promise<string> {
  const now = options.now ?? new Date();
  const from = DateTime.fromJSDate(now).minus({ days: PAST_DAYS }).toJSDate();
  const to = DateTime.fromJSDate(now).plus({ days: AHEAD_DAYS }).toJSDate();
  const base = env().AUTH_URL?.replace(/\/$/, "") ?? "";
  const [drills, statuses] = await Promise.all([
    db().scheduledDrill.findMany({ where: { scheduledAt: { gte: from, lt: to } }, orderBy: { scheduledAt: "asc" } }),
    listCadenceStatuses({ now }),
  ]);
  const common = { startInputType: "utc", startOutputType: "utc", productId: "dr-console/drills", calName: "DR tests: AYTQ and CTR" } as const;
  const events: EventAttributes[] = drills.map((d) => ({
    ...common,
    uid: `drill-${d.id}@dr-console`,
    // Changes to a drill after it was created bump the sequence, so calendars replace their copy.
    sequence: Math.max(0, Math.floor((d.updatedAt.getTime() - d.createdAt.getTime()) / 1000)),
    start: d.scheduledAt.getTime(),
    duration: { minutes: d.durationMinutes },
    title: `DR test: ${d.scenarios.map((s) => getScenario(s).title).join(" and ")} (${d.environment})`,
    description: [
      `Scenarios: ${d.scenarios.map((s) => getScenario(s).title).join("; ")}`,
      `Environment: ${d.environment}`,
      `Time: ${d.scheduledLocal.replace("T", " ")} UK time`,
      d.participants.length ? `Participants: ${d.participants.join(", ")}` : null,
      d.notes ? `Notes: ${d.notes}` : null,
      d.status === "cancelled" ? `Cancelled: ${d.cancelReason ?? ""}` : null,
      base ? `${base}/drills/${d.id}` : `/drills/${d.id}`,
    ].filter(Boolean).join("\n"),
    location: `${d.environment} environment`,
    status: d.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    ...(base ? { url: `${base}/drills/${d.id}` } : {}),
    categories: ["DR test"],
  }));
  for (const s of statuses) {
    for (const at of occurrencesBetween(s.cadence, from, to)) {
      events.push({
        ...common,
        uid: `drill-due-${s.cadence.id}-${at.toISOString().slice(0, 10)}@dr-console`,
        start: at.getTime(),
        duration: { hours: 1 },
        title: `DR test due: ${getScenario(s.cadence.scenario).title} (${s.cadence.environment})`,
        description: `A ${s.cadence.intervalMonths}-monthly DR test of this scenario is due. Schedule it on the DR tests page${base ? `: ${base}/drills` : "."}`,
        status: "TENTATIVE",
        busyStatus: "FREE",
        transp: "TRANSPARENT",
        categories: ["DR test due"],
      });
    }
  }
  if (events.length === 0) {
    // ics refuses an empty list; a valid empty calendar is what a subscriber should get.
    return ["BEGIN:VCALENDAR", "VERSION:2.0", "CALSCALE:GREGORIAN", "PRODID:dr-console/drills", "X-WR-CALNAME:DR tests: AYTQ and CTR", "END:VCALENDAR", ""].join("\r\n");
  }
  const { error, value } = createEvents(events);
  if (error || !value) throw error ?? new Error("the calendar could not be written");
  return value;
}
