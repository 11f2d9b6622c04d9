import type { AuditEvent } from "../generated/prisma/client";
import { describeInstant } from "../time/describe-instant";
import type { LiveEvent } from "./live-event";

/** The fields of an audit row a live event shows (a row read from the table, or carried by its notification). */
export type LiveEventRow = Pick<AuditEvent, "id" | "occurredAt" | "actorId" | "actorName" | "actorRole" | "action" | "outcome" | "incidentId" | "stepId" | "operationId" | "inputs" | "detail">;

/** An audit row as a live event. */
export function toLiveEvent(row: LiveEventRow): LiveEvent {
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
  };
}
