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

/**
 * What the hash covers, named field by field, as JSON (ids as strings, times as ISO): a row read back from the
 * database carries more (its own hash) that must not count. Every field is JSON already (strings, null, and
 * inputs/detail as jsonb holds them). The one list of them: hashedObject and the canonical text both read it.
 */
const HASHED = {
  id: (f: HashedAuditFields) => f.id.toString(),
  occurredAt: (f: HashedAuditFields) => f.occurredAt.toISOString(),
  actorId: (f: HashedAuditFields) => f.actorId,
  actorName: (f: HashedAuditFields) => f.actorName,
  actorRole: (f: HashedAuditFields) => f.actorRole,
  action: (f: HashedAuditFields) => f.action,
  incidentId: (f: HashedAuditFields) => f.incidentId,
  stepId: (f: HashedAuditFields) => f.stepId,
  operationId: (f: HashedAuditFields) => f.operationId,
  inputs: (f: HashedAuditFields) => f.inputs,
  outcome: (f: HashedAuditFields) => f.outcome,
  detail: (f: HashedAuditFields) => f.detail,
  requestId: (f: HashedAuditFields) => f.requestId,
  correlationId: (f: HashedAuditFields) => f.correlationId,
  prevHash: (f: HashedAuditFields) => f.prevHash,
} satisfies Record<string, (fields: HashedAuditFields) => JsonValue>;

/** Each hashed field in RFC 8785 key order (UTF-16 code units, as Array.prototype.sort compares strings). */
const FIELDS = (Object.entries(HASHED) as [string, (fields: HashedAuditFields) => JsonValue | undefined][])
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

/** The hashed object itself (what canonicalAuditBody writes out, as canonicalize would). */
export function hashedObject(fields: HashedAuditFields): { [K in keyof typeof HASHED]: ReturnType<(typeof HASHED)[K]> } {
  return Object.fromEntries(Object.entries(HASHED).map(([key, read]) => [key, read(fields)])) as { [K in keyof typeof HASHED]: ReturnType<(typeof HASHED)[K]> };
}
