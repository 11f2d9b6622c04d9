import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { describeInstant } from "../time/describe-instant";

export interface AuditTrailFilter {
  incidentId?: string;
  /** Part of the actor's name or id, any case. */
  actor?: string;
  /** An exact action (step.started), or a prefix ending with a dot (step.). */
  action?: string;
  outcome?: string;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  /** Rows older than this id (paging back through the trail). */
  before?: string;
  limit?: number;
}

export interface AuditTrailRow {
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
  hash: string;
  prevHash: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The audit pages' read model: the trail newest first, filtered, a page at a time (`before` the last id shown).
 * Read-only; the chain itself is checked by lib/audit/verify-audit-chain.ts.
 */
export async function searchAuditTrail(options: AuditTrailFilter = {}): Promise<{ rows: AuditTrailRow[]; olderBefore: string | null }> {
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
  const actor = options.actor?.trim();
  const action = options.action?.trim();
  const where: Prisma.AuditEventWhereInput = {
    ...(options.incidentId && UUID.test(options.incidentId) ? { incidentId: options.incidentId } : {}),
    ...(actor ? { OR: [{ actorName: { contains: actor, mode: "insensitive" } }, { actorId: { contains: actor, mode: "insensitive" } }] } : {}),
    ...(action ? (action.endsWith(".") ? { action: { startsWith: action } } : { action }) : {}),
    ...(options.outcome ? { outcome: options.outcome } : {}),
    ...(options.from || options.to ? { occurredAt: { ...(options.from ? { gte: new Date(options.from) } : {}), ...(options.to ? { lt: new Date(options.to) } : {}) } } : {}),
    ...(options.before && /^\d{1,19}$/.test(options.before) ? { id: { lt: BigInt(options.before) } } : {}),
  };
  const found = await db().auditEvent.findMany({ where, orderBy: { id: "desc" }, take: limit + 1 });
  const page = found.slice(0, limit);
  return {
    rows: page.map((row) => ({
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
      hash: row.hash,
      prevHash: row.prevHash,
    })),
    olderBefore: found.length > limit ? page[page.length - 1]!.id.toString() : null,
  };
}
