import { occurrence, occurrenceIndexAtOrBefore, type CadenceRule } from "./cadence";

export interface DrillDue {
  /** The occurrence the last test counted for (-1: none yet). */
  coveredIndex: number;
  /** When the next test is due (UTC). */
  dueAt: Date;
  overdue: boolean;
  /** How long past due, in seconds (0 when not overdue). */
  overdueSeconds: number;
}

/**
 * When the next test of a cadence is due, and whether it is overdue. A test counts for the occurrence nearest to
 * it (a test a few days early or late counts for that quarter); the next one is due at the occurrence after that.
 * With no test yet, the first occurrence is due. Overdue: the due time has passed.
 */
export function computeDrillDue(options: { rule: CadenceRule; lastTestAt: Date | null; now: Date }): DrillDue {
  const { rule, lastTestAt, now } = options;
  let covered = -1;
  if (lastTestAt) {
    const before = occurrenceIndexAtOrBefore(rule, lastTestAt);
    if (before < 0) {
      covered = 0;
    } else {
      const sinceBefore = lastTestAt.getTime() - occurrence(rule, before).getTime();
      const untilAfter = occurrence(rule, before + 1).getTime() - lastTestAt.getTime();
      covered = untilAfter < sinceBefore ? before + 1 : before;
    }
  }
  const dueAt = occurrence(rule, covered + 1);
  const late = Math.floor((now.getTime() - dueAt.getTime()) / 1000);
  return { coveredIndex: covered, dueAt, overdue: late > 0, overdueSeconds: Math.max(0, late) };
}
