import { db } from "../db";
import type { AuditEvent } from "../generated/prisma/client";
import { describeInstant } from "../time/describe-instant";

export interface AuditEventView {
  id: string;
  occurredAt: string;
  occurredAtText: string;
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

/** An audit row as the API, the audit page and reports show it. */
export function toAuditEventView(row: AuditEvent): AuditEventView {
  return {
    id: row.id.toString(),
    occurredAt: row.occurredAt.toISOString(),
    occurredAtText: describeInstant({ instant: row.occurredAt }).text,
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
