import { toAuditEventRecord } from "../audit/list-audit-events";
import { verifyIncidentAudit } from "../audit/verify-incident-audit";
import { db } from "../db";
import { assertUuid } from "../engine/assert-uuid";
import { getIncident } from "../incidents/get-incident";
import type { ReportRecords } from "./report-records";

/** Loads what a report is built from (NotFoundError for an unknown incident). */
export async function loadReportRecords(options: { incidentId: string; now?: Date }): Promise<ReportRecords> {
  assertUuid(options.incidentId, "incident");
  const incidentId = options.incidentId;
  // All at once: getIncident answers NotFoundError for an unknown incident, and the others then find nothing.
  const [view, operations, audit, followUps, checklist, outcome] = await Promise.all([
    getIncident({ incidentId }),
    db().operation.findMany({
      where: { incidentId },
      include: { attempt: { select: { number: true } } },
      orderBy: { createdAt: "asc" },
    }),
    // The incident's rows, each checked in its place in the chain (the work grows with the incident, not the trail).
    verifyIncidentAudit({ incidentId }),
    db().followUpAction.findMany({ where: { incidentId }, orderBy: { position: "asc" } }),
    db().postReviewCheck.findMany({ where: { incidentId } }),
    db().drillOutcome.findUnique({ where: { incidentId }, select: { result: true, issues: true, timeTakenMinutes: true } }),
  ]);
  return {
    view,
    operations: operations.map((o) => ({
      id: o.id, stepId: o.stepId, attemptNumber: o.attempt.number, system: o.system, kind: o.kind, status: o.status,
      externalId: o.externalId, externalUrl: o.externalUrl, sendAttempts: o.sendAttempts, createdAt: o.createdAt, sendStartedAt: o.sendStartedAt,
      finishedAt: o.finishedAt, error: o.error, request: o.request, outputs: o.outputs,
    })),
    audit: audit.rows.map(toAuditEventRecord),
    chain: audit.chain,
    followUps: followUps.map((f) => ({ id: f.id, title: f.title, detail: f.detail, owner: f.owner, cardUrl: f.cardUrl, status: f.status, position: f.position })),
    checklist: checklist.map((c) => ({ item: c.item, done: c.done, note: c.note, doneAt: c.doneAt, byName: c.byName })),
    drillOutcome: outcome,
    now: options.now ?? new Date(),
  };
}
