import { toJsonValue, type JsonValue } from "./canonical-json";

/**
 * Secrets never enter the audit trail. Keys that name a secret are replaced; values that carry one (a URL with a
 * password, a bearer token) are scrubbed. Ids such as `idempotencyKey` are not secrets and stay.
 */
const SECRET_KEY = /(password|passwd|secret|token|authorization|api[-_]?key|private[-_]?key|connection[-_]?string|credential|cookie|sas)$/i;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@\s]+@/gi;
const BEARER = /\b(bearer|token)\s+[a-z0-9._~+/-]+=*/gi;

export const REDACTED = "[redacted]";

export function redactSecrets(value: unknown): JsonValue {
  return scrub(toJsonValue(value));
}

function scrub(value: JsonValue): JsonValue {
  if (typeof value === "string") return value.replace(URL_PASSWORD, `$1${REDACTED}@`).replace(BEARER, `$1 ${REDACTED}`);
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : scrub(v)]));
  }
  return value;
}
