import { DateTime } from "luxon";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { listCadenceStatuses } from "../drills/list-cadence-statuses";
import { getScenario } from "../runbooks/scenarios";
import { describeInstant } from "../time/describe-instant";

/**
 * Creates the in-app reminders that are due at `now`: a scheduled DR test coming up within one of the lead times
 * (the shortest lead that applies, so a console that was down does not post a week's and a day's reminder
 * together), and each cadence whose test is overdue. Each reminder has a key (thing + due time + lead), so a
 * second pass, or another replica, creates nothing twice. Returns the reminders it created.
 */
export async function checkDrillReminders(options: { now: Date; leadHours: number[]; webhookConfigured: boolean }): Promise<{ id: string; delivery: string }[]> {
  const { now } = options;
  const leads = [...new Set(options.leadHours)].sort((a, b) => a - b);
  const horizon = DateTime.fromJSDate(now).plus({ hours: leads.at(-1) ?? 0 }).toJSDate();
  const delivery = options.webhookConfigured ? "pending" : "not_configured";
  const [drills, statuses] = await Promise.all([
    db().scheduledDrill.findMany({ where: { status: "scheduled", scheduledAt: { gt: now, lte: horizon } }, orderBy: { scheduledAt: "asc" } }),
    listCadenceStatuses({ now }),
  ]);
  const wanted: Prisma.ReminderCreateManyInput[] = [];
  for (const d of drills) {
    const hoursAway = (d.scheduledAt.getTime() - now.getTime()) / 3600_000;
    const lead = leads.find((l) => hoursAway <= l);
    if (lead === undefined) continue;
    const titles = d.scenarios.map((s) => getScenario(s).title).join(" and ");
    wanted.push({
      kind: "upcoming", dedupeKey: `upcoming:${d.id}:${d.scheduledAt.toISOString()}:${lead}h`, drillId: d.id, dueAt: d.scheduledAt, delivery,
      title: `DR test in ${hoursAway >= 47.5 ? `${Math.round(hoursAway / 24)} days` : hoursAway >= 1.5 ? `${Math.round(hoursAway)} hours` : "less than 2 hours"}: ${titles} in ${d.environment}`,
      message: [
        `${describeInstant({ instant: d.scheduledAt }).text}, for ${d.durationMinutes} minutes.`,
        d.participants.length ? `Participants: ${d.participants.join(", ")}.` : "No participants listed yet.",
        d.notes ? `Notes: ${d.notes}` : null,
      ].filter(Boolean).join(" "),
      link: `/drills/${d.id}`,
    });
  }
  for (const s of statuses.filter((x) => x.due.overdue)) {
    const { cadence, due, lastTest } = s;
    wanted.push({
      kind: "overdue", dedupeKey: `overdue:${cadence.id}:${due.dueAt.toISOString()}`, cadenceId: cadence.id, dueAt: due.dueAt, delivery,
      title: `DR test overdue: ${getScenario(cadence.scenario).title} in ${cadence.environment}`,
      message: [
        `It was due ${describeInstant({ instant: due.dueAt }).text} (every ${cadence.intervalMonths} month${cadence.intervalMonths === 1 ? "" : "s"}).`,
        lastTest ? `Last tested ${describeInstant({ instant: lastTest.at }).text}: ${lastTest.result}.` : "It has never been tested.",
        "Schedule it on the DR tests page.",
      ].join(" "),
      link: "/drills#matrix",
    });
  }
  if (wanted.length === 0) return [];
  return db().reminder.createManyAndReturn({ data: wanted, skipDuplicates: true, select: { id: true, delivery: true } });
}
