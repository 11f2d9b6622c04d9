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
  return createHash("sha256").update(fields.prevHash).update("\n").update(canonicalAuditBody(fields)).digest("hex");
}

/** The hashed object's keys in RFC 8785 order (UTF-16 code units, as Array.prototype.sort compares strings). */
const KEYS = [
  "id", "occurredAt", "actorId", "actorName", "actorRole", "action", "incidentId", "stepId", "operationId", "inputs", "outcome", "detail",
  "requestId", "correlationId", "prevHash",
].sort() as (keyof ReturnType<typeof hashedObject>)[];
const KEY_TEXT = KEYS.map((key) => `${JSON.stringify(key)}:`);

/**
 * The RFC 8785 text of the hashed object, exactly as `canonicalJsonOf(hashedObject(fields))` gives it (a test
 * compares the two over thousands of rows), written out key by key: the keys are always the same fifteen, so they
 * are sorted once here, not for every row. Verifying a long incident's trail hashes every one of its rows.
 */
export function canonicalAuditBody(fields: HashedAuditFields): string {
  const object = hashedObject(fields);
  let text = "{";
  for (let i = 0; i < KEYS.length; i += 1) {
    const value = object[KEYS[i]!] as JsonValue | undefined;
    // As canonicalize does for a property that is undefined (a caller outside TypeScript's view): no key at all.
    if (value === undefined) continue;
    if (text.length > 1) text += ",";
    text += KEY_TEXT[i]!;
    if (value === null) text += "null";
    else if (typeof value === "string") {
      // As the canonicalize package: a lone surrogate cannot be canonicalised.
      if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) throw new Error("Lone surrogate is not allowed");
      text += JSON.stringify(value);
    } else text += canonicalJsonOf(value);
  }
  return `${text}}`;
}

/**
 * What the hash covers, named field by field: a row read back from the database carries more (its own hash) that
 * must not count. Every field is JSON already (strings, null, and inputs/detail as jsonb holds them).
 */
export function hashedObject(fields: HashedAuditFields) {
  return {
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
  } satisfies Record<string, JsonValue>;
}
