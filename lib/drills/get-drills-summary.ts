import type { TimeView } from "../incidents/incident-view";
import { buildDrillMatrix } from "./build-drill-matrix";
import type { DrillView } from "./drill-view";
import { listDrills } from "./list-drills";

export interface DrillsSummary {
  /** The next scheduled DR test, if any. */
  next: DrillView | null;
  /** Scenario x environment cells whose test is overdue, most overdue first. */
  overdue: { scenario: { id: string; title: string }; environment: { key: string; label: string }; dueAt: TimeView; overdueText: string }[];
}

/** For the dashboard: the next DR test and the overdue ones (the DR tests page has the rest). */
export async function getDrillsSummary(options: { now?: Date } = {}): Promise<DrillsSummary> {
  const now = options.now ?? new Date();
  const [upcoming, matrix] = await Promise.all([
    listDrills({ filter: { status: ["scheduled"], from: now.toISOString(), limit: 1 } }),
    buildDrillMatrix({ now }),
  ]);
  const overdue = matrix.rows
    .flatMap((row) => row.cells.filter((c) => c.overdue && c.nextDue).map((c) => ({ scenario: row.scenario, environment: { key: c.environment.key, label: c.environment.label }, dueAt: c.nextDue!, overdueText: c.overdueText ?? "Overdue" })))
    .sort((a, b) => Date.parse(a.dueAt.utc) - Date.parse(b.dueAt.utc));
  return { next: upcoming[0] ?? null, overdue };
}
