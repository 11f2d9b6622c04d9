import type { IncidentView } from "../incidents/incident-view";
import type { IncidentReport, MilestoneKey } from "./report-schema";
import type { ReportOperationRecord } from "./report-records";
import { REPORT_STEP_ROLES } from "./report-step-roles";
import { doneAt, findStep, record, succeededSteps, timeInput } from "./step-facts";
import { durationBetween, reportTime } from "./report-time";

const LABELS: Record<MilestoneKey, string> = {
  "service-stopped": "Service stopped",
  detected: "Problem detected",
  "data-restored": "Data restored into the live server",
  "healthy-again": "Service healthy again",
  closed: "Incident closed",
};

/** The server's deletion time, from the activity log step or as typed in the revive step. */
export function findDeletionTime(view: IncidentView): { at: Date; basis: string } | null {
  const found = findStep(view, REPORT_STEP_ROLES.findDeletion);
  const fromLog = timeInput(record(found?.outputs).deletedAt);
  if (found?.state === "succeeded" && fromLog) return { at: fromLog, basis: "Deletion of the server in the Azure activity log (Find when the server was deleted)" };
  const revive = findStep(view, REPORT_STEP_ROLES.revive);
  const typed = timeInput(record(revive?.inputs).deletedAt);
  if (typed) return { at: typed, basis: "Deletion time as entered in Revive the deleted server" };
  return null;
}

/**
 * The measured times of an incident and the durations between them. Every time comes from a record: step and
 * operation finishes (the moment the target's state was verified), the incident's detection and closing times.
 * Milestones are put in time order and the phases between consecutive ones add up to the total.
 */
export function measureTimes(options: { view: IncidentView; operations: ReportOperationRecord[] }): Omit<IncidentReport["times"], "restorePoint"> {
  const { view, operations } = options;
  const found: { key: MilestoneKey; at: Date; basis: string }[] = [];
  const missing: IncidentReport["times"]["missing"] = [];
  const add = (key: MilestoneKey, value: { at: Date; basis: string } | null, reason: string) => {
    if (value) found.push({ key, ...value });
    else missing.push({ key, reason });
  };

  const stopStep = findStep(view, REPORT_STEP_ROLES.stopService);
  if (stopStep) {
    add("service-stopped", stopStep.state === "succeeded" ? doneAt(stopStep, operations) : null, `${stopStep.title} has not succeeded (${stopStep.state}).`);
  } else {
    // Scenario 1 has no stop step: the service stopped when its server was deleted.
    add("service-stopped", findDeletionTime(view), "The server's deletion time is not known (the activity log step did not run and none was typed).");
  }
  add("detected", { at: new Date(view.detectedAt.utc), basis: "Detection time recorded when the incident was opened" }, "");
  const restored = succeededSteps(view, REPORT_STEP_ROLES.restoreIntoLive)[0];
  add("data-restored", restored ? doneAt(restored, operations) : null, "No step restoring data into the live server has succeeded.");
  const healthy = succeededSteps(view, REPORT_STEP_ROLES.validateApp)[0];
  add("healthy-again", healthy ? doneAt(healthy, operations) : null, "Validate the app has not succeeded: the service is not proven healthy.");
  add("closed", view.closedAt ? { at: new Date(view.closedAt.utc), basis: `Incident closed as ${view.status}` } : null, "The incident is still open.");

  const order: MilestoneKey[] = ["service-stopped", "detected", "data-restored", "healthy-again", "closed"];
  const milestones = found
    .map((m) => ({ key: m.key, label: LABELS[m.key], at: reportTime(m.at), basis: m.basis }))
    .sort((a, b) => Date.parse(a.at.utc) - Date.parse(b.at.utc) || order.indexOf(a.key) - order.indexOf(b.key));
  const phases = milestones.slice(1).map((m, i) => {
    const from = milestones[i]!;
    return { from: from.key, to: m.key, label: `${from.label} to ${m.label.charAt(0).toLowerCase()}${m.label.slice(1)}`, duration: durationBetween(from.at, m.at)! };
  });
  const at = (key: MilestoneKey) => milestones.find((m) => m.key === key)?.at ?? null;
  return {
    milestones,
    missing: missing.filter((m) => m.reason),
    phases,
    total: milestones.length > 1 ? durationBetween(milestones[0]!.at, milestones[milestones.length - 1]!.at) : null,
    rto: durationBetween(at("service-stopped"), at("healthy-again")),
  };
}
