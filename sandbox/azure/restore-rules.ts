import { ArmError, armErrors } from "./arm-errors";

/**
 * Azure's rules for restores, as ../shared/reference/aytq-dr-facts.md states them:
 * - point-in-time restore: from the earliest restore date (retention, or the server's creation) up to
 *   5 minutes ago;
 * - revive of a dropped server: within 5 days of its deletion, to a point at least 10 minutes after the
 *   deletion and in the past.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
export const PTR_LATEST_OFFSET_MS = 5 * MINUTE;
export const REVIVE_AFTER_DELETION_MS = 10 * MINUTE;
export const DROPPED_SERVER_RETENTION_MS = 5 * DAY;

/** ISO 8601 with a time zone (Azure reads a zone-less time as UTC; so does the sandbox). */
export function parseArmTime(value: unknown): Date | undefined {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function earliestRestoreDate(options: { historyStart: Date; retentionDays: number; now: Date }): Date {
  const retentionStart = options.now.getTime() - options.retentionDays * DAY;
  return new Date(Math.max(options.historyStart.getTime(), retentionStart));
}

export function checkPointInTimeRestore(options: { point: Date; earliest: Date; now: Date }): ArmError | undefined {
  const latest = new Date(options.now.getTime() - PTR_LATEST_OFFSET_MS);
  if (options.point < options.earliest || options.point > latest) {
    return armErrors.restorePointOutsideWindow(options.point.toISOString(), options.earliest.toISOString(), latest.toISOString());
  }
  return undefined;
}

export function isStillRevivable(options: { deletedAt: Date; now: Date }): boolean {
  return options.now.getTime() - options.deletedAt.getTime() <= DROPPED_SERVER_RETENTION_MS;
}

export function checkRevive(options: { point: Date; deletedAt: Date; now: Date }): ArmError | undefined {
  const earliest = new Date(options.deletedAt.getTime() + REVIVE_AFTER_DELETION_MS);
  if (options.point < earliest || options.point > options.now) {
    return armErrors.revivePointInvalid(options.point.toISOString(), options.deletedAt.toISOString(), earliest.toISOString());
  }
  return undefined;
}

/** Azure's server names: 3 to 63 characters, lower-case letters, digits and hyphens, not starting or ending with a hyphen. */
export function checkServerName(name: string): ArmError | undefined {
  if (!/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/.test(name)) {
    return new ArmError(
      400,
      "InvalidServerName",
      "Specified server name contains unsupported characters or is too long. Server name must be no longer than 63 characters long, contain only lower-case characters or digits, cannot contain '.' or '_' characters and can't start or end with '-' character.",
    );
  }
  return undefined;
}
