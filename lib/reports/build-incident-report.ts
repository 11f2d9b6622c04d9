import { getService } from "../catalogue/catalogue";
import { describeAuditEvent } from "./describe-audit-event";
import { describeReportSteps } from "./describe-report-steps";
import { listProblems } from "./list-problems";
import { measureDataLoss } from "./measure-data-loss";
import { measureTimes } from "./measure-times";
import { postReviewItemsFor } from "./post-review-items";
import type { ReportRecords } from "./report-records";
import { incidentReportSchema, REPORT_SCHEMA_VERSION, type IncidentReport } from "./report-schema";
import { durationBetween, reportTime } from "./report-time";

/**
 * The report of an incident or drill, built from its records alone (pure: get-incident-report.ts loads them).
 * The result is checked against the versioned schema before it leaves, so an export never drifts from it.
 */
export function buildIncidentReport(records: ReportRecords): IncidentReport {
  const { view, operations } = records;
  const measured = measureTimes({ view, operations });
  const dataLoss = measureDataLoss({ view, operations, times: measured });
  const steps = describeReportSteps({ view, operations });
  const problems = listProblems({ view, operations });
  const stepTitles = Object.fromEntries(view.steps.map((s) => [s.id, s.title]));
  const option = view.branches.find((b) => b.followed) ?? null;

  // In time order (stable: events of the same second keep the trail's order). A report time's utc is always
  // toISOString's form, so the texts sort as the instants do: no parsing of 10,000 dates twice per comparison.
  const timeline = [
    { at: reportTime(view.detectedAt.utc), who: "—", stepId: null, text: "Problem detected (as recorded when the incident was opened).", auditId: null },
    ...records.audit.map((event) => ({
      at: reportTime(event.occurredAt),
      who: event.actor.name,
      stepId: event.stepId,
      text: describeAuditEvent({ event, stepTitles }),
      auditId: event.id,
    })),
  ].sort((a, b) => (a.at.utc < b.at.utc ? -1 : a.at.utc > b.at.utc ? 1 : 0));

  const notes = view.notes.map((n) => ({ kind: n.kind, at: reportTime(n.createdAt.utc), by: n.actor, stepId: n.stepId, text: n.text }));
  const skipDecisions = view.steps
    .filter((s) => s.state === "skipped" && s.skipReason && !view.notes.some((n) => n.kind === "decision" && n.text === s.skipReason))
    .map((s) => ({ kind: "decision" as const, at: reportTime(s.finishedAt?.utc ?? view.createdAt.utc), by: s.lastActor ?? view.lead, stepId: s.id, text: `Skipped “${s.title}”: ${s.skipReason}` }));

  const checks = new Map(records.checklist.map((c) => [c.item, c]));
  const lastIncidentRow = records.audit[records.audit.length - 1];
  // Time taken (the DR test template's field): from opening the run to closing it, or to its latest activity.
  const end = view.closedAt ?? (lastIncidentRow ? { utc: lastIncidentRow.occurredAt } : null);
  const opened = reportTime(view.createdAt.utc);
  const outcome = records.drillOutcome?.result ?? "not recorded";

  const report: IncidentReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: reportTime(records.now),
    summary: {
      incidentId: view.id,
      title: `${view.mode === "drill" ? "DR test" : "Incident"}: ${view.scenario.title}, ${view.environment.label}`,
      service: { key: view.service.key, name: view.service.name, services: getService(view.service.key).services.map((s) => ({ key: s.key, name: s.name })) },
      environment: view.environment,
      scenario: view.scenario,
      option: option ? { id: option.id, title: option.title } : null,
      mode: view.mode,
      status: view.status,
      closeReason: view.closeReason,
      lead: view.lead,
      participants: view.participants.map((p) => ({ id: p.id, name: p.name, role: p.role })),
      openedAt: opened,
    },
    times: { ...measured, restorePoint: dataLoss.restorePoint },
    dataLoss,
    timeline,
    steps,
    decisions: [...notes.filter((n) => n.kind === "decision"), ...skipDecisions].sort((a, b) => Date.parse(a.at.utc) - Date.parse(b.at.utc)),
    notes: notes.filter((n) => n.kind === "note"),
    problems,
    followUps: [...records.followUps].sort((a, b) => a.position - b.position).map(({ position: _position, ...f }) => f),
    postReviewChecklist: postReviewItemsFor(view.mode).map((i) => {
      const check = checks.get(i.item);
      return { item: i.item, label: i.label, done: check?.done ?? false, doneAt: reportTime(check?.done ? check.doneAt : null), by: check?.done ? check.byName : null, note: check?.note ?? null };
    }),
    audit: {
      chainOk: records.chain.ok,
      rowsChecked: records.chain.checked,
      checkedAt: reportTime(records.chain.checkedAt),
      brokenAt: records.chain.ok ? null : records.chain.brokenAt,
      incidentRows: records.audit.length,
      lastRowId: lastIncidentRow?.id ?? null,
      lastRowHash: lastIncidentRow?.hash ?? null,
    },
    drTestTemplate: {
      date: opened,
      environment: view.environment.label,
      scenariosRun: [`${view.scenario.title}${option ? ` (${option.title})` : ""}, ${view.environment.label}, ${view.mode} mode`],
      timeTaken: end ? durationBetween(opened, reportTime(end.utc)) : null,
      outcome,
      issues: [
        ...problems.map((p) => p.text),
        ...(records.drillOutcome?.issues.trim() ? [records.drillOutcome.issues.trim()] : []),
      ],
    },
  };
  return incidentReportSchema.parse(report);
}
