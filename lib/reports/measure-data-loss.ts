import type { IncidentView } from "../incidents/incident-view";
import type { IncidentReport, ReportDataLoss } from "./report-schema";
import type { ReportOperationRecord } from "./report-records";
import { REPORT_STEP_ROLES } from "./report-step-roles";
import { findDeletionTime } from "./measure-times";
import { findStep, record, succeededAttempt, succeededSteps, timeInput } from "./step-facts";
import { durationBetween, reportTime } from "./report-time";

/** Keys under which a step's or an operation's outputs may count the rows written after the restore point. */
const ROW_COUNT_KEYS = ["rowsWrittenAfterRestorePoint", "rowsAfterRestorePoint", "rowsLost", "lostRows"];

/** The first row count found in the outputs of the incident's steps and operations (searched a few levels deep). */
function findRowCount(view: IncidentView, operations: ReportOperationRecord[]): { rows: number; source: string } | null {
  const search = (value: unknown, path: string, depth: number): { rows: number; path: string } | null => {
    if (depth > 4 || !value || typeof value !== "object") return null;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (ROW_COUNT_KEYS.includes(key) && typeof v === "number" && Number.isInteger(v) && v >= 0) return { rows: v, path: `${path}.${key}` };
    }
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const inner = search(v, `${path}.${key}`, depth + 1);
      if (inner) return inner;
    }
    return null;
  };
  for (const step of view.steps) {
    const hit = search(step.outputs, "outputs", 0);
    if (hit) return { rows: hit.rows, source: `${step.title} (${hit.path})` };
  }
  for (const operation of operations) {
    const hit = search(operation.outputs, "outputs", 0);
    const title = view.steps.find((s) => s.id === operation.stepId)?.title ?? operation.stepId;
    if (hit) return { rows: hit.rows, source: `${title}, operation ${operation.kind} (${hit.path})` };
  }
  return null;
}

/**
 * The data-loss window (RPO), measured. Point-in-time restore: from the restore point to the moment writes
 * stopped (the service stopped; the live server is overwritten from the copy, so everything written after the
 * restore point is lost unless reconciled from a backup of the flawed database). Revive: from the restore point to
 * the deletion (0 when the point is after it, as it must be). Option 2: the age of the backup used at the deletion
 * (or detection).
 */
export function measureDataLoss(options: { view: IncidentView; operations: ReportOperationRecord[]; times: Pick<IncidentReport["times"], "milestones"> }): ReportDataLoss {
  const { view, operations } = options;
  const rows = findRowCount(view, operations);
  const counted = { rowsWrittenAfterRestorePoint: rows?.rows ?? null, rowsSource: rows?.source ?? null };
  const milestone = (key: string) => options.times.milestones.find((m) => m.key === key) ?? null;
  const deletion = findDeletionTime(view);

  const revived = succeededSteps(view, REPORT_STEP_ROLES.revive)[0];
  if (revived) {
    const point = timeInput(record(succeededAttempt(revived)?.inputs ?? revived.inputs).restorePoint);
    const restorePoint = reportTime(point);
    const disasterAt = reportTime(deletion?.at ?? null);
    const lost = restorePoint && disasterAt ? durationBetween(restorePoint, disasterAt) : null;
    const window = restorePoint && disasterAt ? (lost ?? { seconds: 0, text: "0 s" }) : null;
    return {
      method: "revive-dropped-server", restorePoint, disasterAt, disasterBasis: deletion?.basis ?? null, window, backup: null, ...counted,
      explanation: window === null
        ? "The server was revived from Azure's backups; the deletion time is not known, so the window cannot be measured."
        : window.seconds === 0
          ? `The server was revived to ${restorePoint!.text}, after its deletion at ${disasterAt!.text}: everything written before the deletion is back.`
          : `The server was revived to ${restorePoint!.text}, before its deletion at ${disasterAt!.text}: writes in those ${window.text} are lost.`,
    };
  }

  const fromBackup = succeededSteps(view, REPORT_STEP_ROLES.backupRestore)[0];
  if (fromBackup) {
    const name = String(record(succeededAttempt(fromBackup)?.inputs ?? fromBackup.inputs).backupFile ?? "");
    const listing = record(findStep(view, REPORT_STEP_ROLES.findBackup)?.outputs);
    const listed = [...(Array.isArray(listing.backups) ? listing.backups : []), listing.newest].map(record).find((b) => b.name === name);
    const createdAt = reportTime(timeInput(listed?.createdAt));
    const disaster = deletion ?? { at: new Date(view.detectedAt.utc), basis: "Detection time (the deletion time is not known)" };
    const disasterAt = reportTime(disaster.at);
    const age = createdAt ? durationBetween(createdAt, disasterAt) : null;
    return {
      method: "backup-restore", restorePoint: createdAt, disasterAt, disasterBasis: disaster.basis, window: age,
      backup: { name, createdAt: createdAt ?? disasterAt, age }, ...counted,
      explanation: createdAt
        ? `Restored from the backup ${name}, taken ${createdAt.text}: it was ${age?.text ?? "an unknown time"} old at ${disasterAt.text}, and everything written in that time is lost.`
        : `Restored from the backup ${name}; its time was not listed by the console, so its age cannot be measured.`,
    };
  }

  const ptr = succeededSteps(view, REPORT_STEP_ROLES.pointInTimeRestore)[0];
  if (ptr) {
    const point = timeInput(record(succeededAttempt(ptr)?.inputs ?? ptr.inputs).restorePoint) ?? timeInput(view.restorePoint?.utc);
    const restorePoint = reportTime(point);
    const stopped = milestone("service-stopped");
    const disasterAt = stopped?.at ?? reportTime(view.detectedAt.utc);
    const disasterBasis = stopped ? "Writes stopped when the service was stopped" : "Detection time (the service was not stopped by the console)";
    const window = durationBetween(restorePoint, disasterAt);
    const intoLive = succeededSteps(view, ["restore-into-live"])[0];
    return {
      method: "point-in-time-restore", restorePoint, disasterAt, disasterBasis, window, backup: null, ...counted,
      explanation: `${intoLive ? "The live server was restored" : "A copy was restored (not yet copied into the live server)"} from a point-in-time copy at ${restorePoint?.text ?? "an unknown point"}; writes from then until ${disasterAt.text} (${window?.text ?? "unknown"}) are lost unless reconciled from a backup of the flawed database.`,
    };
  }

  return {
    method: "not-restored", restorePoint: reportTime(view.restorePoint?.utc ?? null), disasterAt: null, disasterBasis: null, window: null, backup: null, ...counted,
    explanation: "No restore step has succeeded: no data-loss window can be measured yet.",
  };
}
