import canonicalize from "canonicalize";

/**
 * JSON as PostgreSQL's jsonb will give it back: Dates become ISO strings, undefined properties disappear.
 * Stored values and hashed values must be the same value, or the chain would break on the first read.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function toJsonValue(value: unknown): JsonValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/** RFC 8785 (JSON Canonicalization Scheme) text, from the `canonicalize` package (the RFC authors' implementation). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(toJsonValue(value));
  if (text === undefined) throw new TypeError("value cannot be canonicalised");
  return text;
}

/**
 * The same text for a value that is JSON already (strings, numbers, booleans, null, arrays and plain objects of them,
 * as read from jsonb): without the round trip through JSON text, which for such a value changes nothing. The audit
 * chain hashes thousands of rows per verification with it.
 */
export function canonicalJsonOf(value: JsonValue): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value cannot be canonicalised");
  return text;
}
