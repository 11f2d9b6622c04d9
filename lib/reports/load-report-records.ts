import { listAuditEvents, type AuditEventView } from "../audit/list-audit-events";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { db } from "../db";
import { getIncident } from "../incidents/get-incident";
import type { ReportRecords } from "./report-records";

async function incidentAudit(incidentId: string): Promise<AuditEventView[]> {
  const all: AuditEventView[] = [];
  for (;;) {
    const page = await listAuditEvents({ incidentId, afterId: all[all.length - 1]?.id, limit: 5000 });
    all.push(...page);
    if (page.length < 5000) return all;
  }
}

/** Loads what a report is built from (NotFoundError for an unknown incident). */
export async function loadReportRecords(options: { incidentId: string; now?: Date }): Promise<ReportRecords> {
  const view = await getIncident({ incidentId: options.incidentId });
  const [operations, audit, chain, followUps, checklist, outcome] = await Promise.all([
    db().operation.findMany({
      where: { incidentId: view.id },
      include: { stepRun: { select: { stepId: true } }, attempt: { select: { number: true } } },
      orderBy: { createdAt: "asc" },
    }),
    incidentAudit(view.id),
    verifyAuditChain(),
    db().followUpAction.findMany({ where: { incidentId: view.id }, orderBy: { position: "asc" } }),
    db().postReviewCheck.findMany({ where: { incidentId: view.id } }),
    db().drillOutcome.findUnique({ where: { incidentId: view.id }, select: { result: true, issues: true, timeTakenMinutes: true } }),
  ]);
  return {
    view,
    operations: operations.map((o) => ({
      id: o.id, stepId: o.stepRun.stepId, attemptNumber: o.attempt.number, system: o.system, kind: o.kind, status: o.status,
      externalId: o.externalId, externalUrl: o.externalUrl, sendAttempts: o.sendAttempts, createdAt: o.createdAt, sendStartedAt: o.sendStartedAt,
      finishedAt: o.finishedAt, error: o.error, request: o.request, outputs: o.outputs,
    })),
    audit,
    chain,
    followUps: followUps.map((f) => ({ id: f.id, title: f.title, detail: f.detail, owner: f.owner, cardUrl: f.cardUrl, status: f.status, position: f.position })),
    checklist: checklist.map((c) => ({ item: c.item, done: c.done, note: c.note, doneAt: c.doneAt, byName: c.byName })),
    drillOutcome: outcome,
    now: options.now ?? new Date(),
  };
}
