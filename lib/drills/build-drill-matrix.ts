import { DateTime } from "luxon";
import { getService } from "../catalogue/catalogue";
import { db } from "../db";
import { timeView } from "../incidents/time-view";
import type { TimeView } from "../incidents/incident-view";
import { scenarios } from "../runbooks/scenarios";
import { overdueText } from "./overdue-text";
import { UK_LOCALE, UK_ZONE } from "../time/zone";
import { CADENCES } from "./cadence";
import { listCadenceStatuses } from "./list-cadence-statuses";
import { listLastTests } from "./list-last-tests";

export interface DrillMatrixCell {
  environment: { key: string; label: string; production: boolean };
  lastTest: { at: TimeView; result: "success" | "fail"; drillId: string | null } | null;
  cadence: { id: string; intervalMonths: number; label: string; startsLocalText: string } | null;
  nextDue: TimeView | null;
  overdue: boolean;
  /** "Overdue by 3 d 2 h 00 min 00 s", for people. */
  overdueText: string | null;
  nextScheduled: { drillId: string; at: TimeView } | null;
}

export interface DrillMatrix {
  serviceKey: string;
  rows: { scenario: { id: string; title: string }; cells: DrillMatrixCell[] }[];
}

/** Scenario x environment: each cell's last test (date and outcome), its cadence, when the next is due, overdue or not. */
export async function buildDrillMatrix(options: { serviceKey?: string; now?: Date } = {}): Promise<DrillMatrix> {
  const service = getService(options.serviceKey ?? "aytq");
  const now = options.now ?? new Date();
  const [statuses, lastTests, upcoming] = await Promise.all([
    listCadenceStatuses({ now }),
    listLastTests(),
    db().scheduledDrill.findMany({ where: { serviceKey: service.key, status: "scheduled", scheduledAt: { gte: now } }, orderBy: { scheduledAt: "asc" } }),
  ]);
  return {
    serviceKey: service.key,
    rows: scenarios.map((scenario) => ({
      scenario: { id: scenario.id, title: scenario.title },
      cells: service.environments.map((environment): DrillMatrixCell => {
        const status = statuses.find((s) => s.cadence.serviceKey === service.key && s.cadence.scenario === scenario.id && s.cadence.environment === environment.key);
        const last = lastTests.get(`${service.key}/${scenario.id}/${environment.key}`);
        const next = upcoming.find((d) => d.environment === environment.key && d.scenarios.includes(scenario.id));
        const starts = status ? DateTime.fromISO(status.cadence.startsLocal, { zone: UK_ZONE, locale: UK_LOCALE }) : null;
        return {
          environment: { key: environment.key, label: environment.label, production: environment.production },
          lastTest: last ? { at: timeView(last.at), result: last.result, drillId: last.drillId } : null,
          cadence: status && starts
            ? {
                id: status.cadence.id,
                intervalMonths: status.cadence.intervalMonths,
                label: CADENCES.find((c) => c.months === status.cadence.intervalMonths)?.label ?? `Every ${status.cadence.intervalMonths} months`,
                startsLocalText: `from ${starts.toFormat("d LLL yyyy HH:mm")} UK time`,
              }
            : null,
          nextDue: status ? timeView(status.due.dueAt) : null,
          overdue: status?.due.overdue ?? false,
          overdueText: status?.due.overdue ? overdueText(status.due.overdueSeconds) : null,
          nextScheduled: next ? { drillId: next.id, at: timeView(next.scheduledAt) } : null,
        };
      }),
    })),
  };
}
