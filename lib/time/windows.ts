/**
 * Restore windows from the facts page (Azure documentation):
 * - point-in-time restore: 1-second resolution, from 5 minutes ago back to the retention (7 days here);
 * - revive a dropped server: within 5 days of the deletion, to a point at least 10 minutes after it and in the past.
 */
export const PTR_MIN_AGE_MINUTES = 5;
export const REVIVE_MAX_DAYS_SINCE_DELETION = 5;
export const REVIVE_MIN_MINUTES_AFTER_DELETION = 10;
