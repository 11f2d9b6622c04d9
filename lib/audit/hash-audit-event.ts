import { hash } from "node:crypto";
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

/**
 * sha256 over the previous hash, a line feed and the canonical JSON of the row (ids as strings, times as ISO to the
 * millisecond), in UTF-8. One call of the one-shot `crypto.hash` (verifying a long incident hashes thousands of rows:
 * a Hash object and three updates per row cost several times as much).
 */
export function hashAuditEvent(fields: HashedAuditFields): string {
  return hash("sha256", `${fields.prevHash}\n${canonicalAuditBody(fields)}`, "hex");
}

type HashedObject = ReturnType<typeof hashedObject>;

/** Each hashed field, read from the row as hashedObject gives it, in RFC 8785 key order (UTF-16 code units, as Array.prototype.sort compares strings). */
const FIELDS = (Object.entries({
  id: (f) => f.id.toString(),
  occurredAt: (f) => f.occurredAt.toISOString(),
  actorId: (f) => f.actorId,
  actorName: (f) => f.actorName,
  actorRole: (f) => f.actorRole,
  action: (f) => f.action,
  incidentId: (f) => f.incidentId,
  stepId: (f) => f.stepId,
  operationId: (f) => f.operationId,
  inputs: (f) => f.inputs,
  outcome: (f) => f.outcome,
  detail: (f) => f.detail,
  requestId: (f) => f.requestId,
  correlationId: (f) => f.correlationId,
  prevHash: (f) => f.prevHash,
} satisfies { [K in keyof HashedObject]: (fields: HashedAuditFields) => HashedObject[K] }) as [string, (fields: HashedAuditFields) => JsonValue | undefined][])
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([key, read]) => ({ text: `${JSON.stringify(key)}:`, read }));

/** A string that is its own JSON text between quotes: printable ASCII with no quote or backslash. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * The RFC 8785 text of the hashed object, exactly as `canonicalJsonOf(hashedObject(fields))` gives it (a test
 * compares the two over thousands of rows), written out field by field: the keys are always the same fifteen, so they
 * are sorted once here, and no object is made per row. Verifying a long incident's trail hashes every one of its rows.
 */
export function canonicalAuditBody(fields: HashedAuditFields): string {
  let text = "{";
  for (let i = 0; i < FIELDS.length; i += 1) {
    const field = FIELDS[i]!;
    const value = field.read(fields);
    // As canonicalize does for a property that is undefined (a caller outside TypeScript's view): no key at all.
    if (value === undefined) continue;
    if (text.length > 1) text += ",";
    text += field.text;
    if (value === null) text += "null";
    else if (typeof value === "string") {
      // Most are ids, names, actions and hashes: no need of JSON.stringify.
      if (PLAIN.test(value)) text += `"${value}"`;
      // As the canonicalize package: a lone surrogate cannot be canonicalised.
      else if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) throw new Error("Lone surrogate is not allowed");
      else text += JSON.stringify(value);
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
