import { db } from "../db";
import type { AuditEvent } from "../generated/prisma/client";
import { describeInstant } from "../time/describe-instant";

/** An audit row as plain JSON, without the text of its time (a report describes its times itself). */
export interface AuditEventRecord {
  id: string;
  occurredAt: string;
  actor: { id: string; name: string; role: string };
  action: string;
  outcome: string;
  incidentId: string | null;
  stepId: string | null;
  operationId: string | null;
  inputs: unknown;
  detail: unknown;
  requestId: string | null;
  correlationId: string | null;
  hash: string;
  prevHash: string;
}

export interface AuditEventView extends AuditEventRecord {
  /** UTC with UK time beside it, as every page shows times. */
  occurredAtText: string;
}

export interface ListAuditEventsOptions {
  incidentId?: string;
  /** Rows after this id (for paging and for catching up after a live-update reconnection). */
  afterId?: string;
  limit?: number;
}

/** Audit rows in chain order, oldest first. */
export async function listAuditEvents(options: ListAuditEventsOptions = {}): Promise<AuditEventView[]> {
  const limit = Math.min(Math.max(options.limit ?? 500, 1), 5000);
  const rows = await db().auditEvent.findMany({
    where: {
      ...(options.incidentId ? { incidentId: options.incidentId } : {}),
      ...(options.afterId ? { id: { gt: BigInt(options.afterId) } } : {}),
    },
    orderBy: { id: "asc" },
    take: limit,
  });
  return rows.map(toAuditEventView);
}

/** An audit row as the API and the audit page show it. */
export function toAuditEventView(row: AuditEvent): AuditEventView {
  return { ...toAuditEventRecord(row), occurredAtText: describeInstant({ instant: row.occurredAt }).text };
}

/** An audit row as a report reads it: the view without the text of its time, which a report would not use. */
export function toAuditEventRecord(row: AuditEvent): AuditEventRecord {
  return {
    id: row.id.toString(),
    occurredAt: row.occurredAt.toISOString(),
    actor: { id: row.actorId, name: row.actorName, role: row.actorRole },
    action: row.action,
    outcome: row.outcome,
    incidentId: row.incidentId,
    stepId: row.stepId,
    operationId: row.operationId,
    inputs: row.inputs,
    detail: row.detail,
    requestId: row.requestId,
    correlationId: row.correlationId,
    hash: row.hash,
    prevHash: row.prevHash,
  };
}
