import { createHash } from "node:crypto";
import { canonicalJsonOf, type JsonValue } from "./canonical-json";

/** The fields of an audit row that its hash covers: all of them except the hash itself. */
export interface HashedAuditFields {
  id: bigint;
  occurredAt: Date;
  actorId: string;
  actorName: string;
  actorRole: string;
  action: string;
  incidentId: string | null;
  stepId: string | null;
  operationId: string | null;
  inputs: JsonValue | null;
  outcome: string;
  detail: JsonValue | null;
  requestId: string | null;
  correlationId: string | null;
  prevHash: string;
}

/** The first row's previous hash. */
export const GENESIS_HASH = "0".repeat(64);

/** sha256 over the previous hash and the canonical JSON of the row (ids as strings, times as ISO to the millisecond). */
export function hashAuditEvent(fields: HashedAuditFields): string {
  // Named field by field: a row read back from the database carries more (its own hash) that must not count. Every
  // field is JSON already (strings, null, and inputs/detail as jsonb holds them), so no round trip through text.
  const body = canonicalJsonOf({
    id: fields.id.toString(),
    occurredAt: fields.occurredAt.toISOString(),
    actorId: fields.actorId,
    actorName: fields.actorName,
    actorRole: fields.actorRole,
    action: fields.action,
    incidentId: fields.incidentId,
    stepId: fields.stepId,
    operationId: fields.operationId,
    inputs: fields.inputs,
    outcome: fields.outcome,
    detail: fields.detail,
    requestId: fields.requestId,
    correlationId: fields.correlationId,
    prevHash: fields.prevHash,
  });
  return createHash("sha256").update(fields.prevHash).update("\n").update(body).digest("hex");
}
