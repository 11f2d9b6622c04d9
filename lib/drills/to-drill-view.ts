import { DateTime } from "luxon";
import { getEnvironment } from "../catalogue/catalogue";
import type { DrillOutcome, DrillRun, ScheduledDrill } from "../generated/prisma/client";
import { timeView } from "../incidents/time-view";
import { getScenario } from "../runbooks/scenarios";
import { UK_LOCALE, UK_ZONE } from "../time/zone";
import type { DrillView } from "./drill-view";

const scenarioTitle = (id: string) => {
  try {
    return getScenario(id).title;
  } catch {
    return id;
  }
};

/** A scheduled drill's rows as the view the pages and the API show. */
export function toDrillView(drill: ScheduledDrill & { runs: DrillRun[]; outcomes: Omit<DrillOutcome, "report">[] }, incidentStatuses: Record<string, string>): DrillView {
  const environment = getEnvironment(drill.serviceKey, drill.environment);
  const local = DateTime.fromISO(drill.scheduledLocal, { zone: UK_ZONE, locale: UK_LOCALE });
  return {
    id: drill.id,
    serviceKey: drill.serviceKey,
    scenarios: drill.scenarios.map((id) => ({ id, title: scenarioTitle(id) })),
    environment: { key: environment.key, label: environment.label, production: environment.production },
    scheduledAt: timeView(drill.scheduledAt),
    scheduledLocalText: `${local.toFormat("ccc d LLL yyyy HH:mm")} ${local.offsetNameShort ?? ""}`.trim(),
    endsAt: timeView(new Date(drill.scheduledAt.getTime() + drill.durationMinutes * 60_000)),
    durationMinutes: drill.durationMinutes,
    participants: drill.participants,
    notes: drill.notes,
    status: drill.status,
    cancelReason: drill.cancelReason,
    cadenceId: drill.cadenceId,
    createdBy: { id: drill.createdById, name: drill.createdByName },
    runs: drill.runs
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
      .map((r) => ({
        incidentId: r.incidentId, scenario: r.scenario, scenarioTitle: scenarioTitle(r.scenario), startedAt: timeView(r.startedAt),
        startedBy: { id: r.startedById, name: r.startedByName }, incidentStatus: incidentStatuses[r.incidentId] ?? "unknown",
      })),
    outcomes: drill.outcomes
      .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime())
      .map((o) => ({
        id: o.id, incidentId: o.incidentId, scenario: o.scenario, scenarioTitle: scenarioTitle(o.scenario), result: o.result,
        timeTakenMinutes: o.timeTakenMinutes, issues: o.issues, hasReport: o.reportSha256 !== null, reportSha256: o.reportSha256,
        recordedAt: timeView(o.recordedAt), recordedBy: { id: o.recordedById, name: o.recordedByName },
      })),
  };
}
