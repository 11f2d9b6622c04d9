import type { HealthCheckResult } from "./port";

/**
 * okcomputer's two forms, parsed per check:
 * - `/health/all.json`: `{"<check>": {"message": "...", "success": true, "time": 0.012}, ...}`; an optional check's
 *   message ends with "(OPTIONAL)" in some versions, or the check carries `"optional": true`;
 * - `/health/all` (text/plain): a line per check, `  <name>: PASSED|FAILED <message> (0.012s)`, optional checks
 *   suffixed ` (OPTIONAL)`.
 * Anything else is not a health report (an ingress's 503 page, a sign-in page): null.
 */

const OPTIONAL = /\s*\(OPTIONAL\)\s*$/i;

export function parseHealthJson(body: string): HealthCheckResult[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  const checks: HealthCheckResult[] = [];
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!value || typeof value !== "object") return null;
    const check = value as { message?: unknown; success?: unknown; time?: unknown; optional?: unknown };
    if (typeof check.success !== "boolean") return null;
    const message = typeof check.message === "string" ? check.message : "";
    checks.push({
      name,
      passed: check.success,
      message: message.replace(OPTIONAL, ""),
      optional: check.optional === true || OPTIONAL.test(message),
      ...(typeof check.time === "number" ? { timeSeconds: check.time } : {}),
    });
  }
  return checks.length > 0 ? checks : null;
}

const LINE = /^\s*([\w.-]+):\s+(PASSED|FAILED)\s?(.*?)(?:\s+\((\d+(?:\.\d+)?)s\))?(\s+\(OPTIONAL\))?\s*$/;

export function parseHealthText(body: string): HealthCheckResult[] | null {
  const checks: HealthCheckResult[] = [];
  for (const line of body.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const match = LINE.exec(line);
    if (!match) return null;
    const [, name = "", result, message = "", time, optional] = match;
    checks.push({
      name,
      passed: result === "PASSED",
      message: message.trim(),
      optional: Boolean(optional),
      ...(time ? { timeSeconds: Number(time) } : {}),
    });
  }
  return checks.length > 0 ? checks : null;
}
