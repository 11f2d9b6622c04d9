import { Prisma } from "../generated/prisma/client";
import type { Actor } from "./actor";
import { toJsonValue, type JsonValue } from "./canonical-json";
import { GENESIS_HASH, hashAuditEvent } from "./hash-audit-event";
import { redactSecrets } from "./redact-secrets";

export interface AuditEventInput {
  actor: Actor;
  action: string;
  outcome: string;
  incidentId?: string | null;
  stepId?: string | null;
  operationId?: string | null;
  /** Inputs as given; secrets are removed here. */
  inputs?: unknown;
  /** A summary (e.g. the external system's response): small, no secrets (also scrubbed here). */
  detail?: unknown;
  requestId?: string | null;
  correlationId?: string | null;
}

/** One key for the advisory lock that serialises appends: one chain, whatever the concurrency. */
const AUDIT_CHAIN_LOCK = 4_242_001;

/**
 * Appends a row inside the caller's transaction, so the row exists if and only if the change it records does.
 * The advisory lock (held to commit) makes concurrent appends take turns, so each sees its predecessor; the id is
 * taken under the lock so it is part of the hash. The insert trigger sends pg_notify('dr_events') on commit.
 * Call it last in a transaction: the lock is held until commit.
 */
export async function appendAuditEvent(tx: Prisma.TransactionClient, event: AuditEventInput): Promise<{ id: bigint; hash: string }> {
  await tx.$executeRaw`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  // After the lock, in a statement of its own (its snapshot is taken when it starts): the chain's head and the new id.
  const [next] = await tx.$queryRaw<{ id: bigint; hash: string | null }[]>`
    select (select hash from "AuditEvent" order by id desc limit 1) as hash, nextval(pg_get_serial_sequence('"AuditEvent"', 'id')) as id`;
  const last = next!.hash === null ? undefined : { hash: next!.hash };
  const fields = {
    id: BigInt(next!.id),
    // The column keeps milliseconds: hash what will be read back.
    occurredAt: new Date(Math.floor(Date.now())),
    actorId: event.actor.id,
    actorName: event.actor.name,
    actorRole: event.actor.role,
    action: event.action,
    incidentId: event.incidentId ?? null,
    stepId: event.stepId ?? null,
    operationId: event.operationId ?? null,
    inputs: event.inputs === undefined ? null : redactSecrets(event.inputs),
    outcome: event.outcome,
    detail: event.detail === undefined ? null : redactSecrets(event.detail),
    requestId: event.requestId ?? null,
    correlationId: event.correlationId ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = hashAuditEvent(fields);
  await tx.auditEvent.create({
    data: { ...fields, inputs: jsonOrDbNull(fields.inputs), detail: jsonOrDbNull(fields.detail), hash },
  });
  return { id: fields.id, hash };
}

function jsonOrDbNull(value: JsonValue | null): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null ? Prisma.DbNull : (toJsonValue(value) as Prisma.InputJsonValue);
}
