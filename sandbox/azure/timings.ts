/**
 * How long the emulated Azure operations take. `fast` keeps tests quick; `realistic` is closer to what
 * people see in Azure (which documents restores of minutes to hours) so that a drill feels like one.
 */

export type SandboxSpeed = "fast" | "realistic";

export interface AzureTimings {
  /** Seconds, [min, max]: each operation draws its duration from the range. */
  createSeconds: [number, number];
  pointInTimeRestoreSeconds: [number, number];
  reviveSeconds: [number, number];
  deleteSeconds: [number, number];
  updateSeconds: [number, number];
  /** Retry-After sent with 202s and operation status: how often clients poll. */
  retryAfterSeconds: number;
  /** How often the sandbox drains history and checks the live databases. */
  tickMs: number;
  /** A fresh base copy of each live server at least this often. */
  baseCopyIntervalMs: number;
}

export const TIMINGS: Record<SandboxSpeed, AzureTimings> = {
  fast: {
    createSeconds: [1, 2],
    pointInTimeRestoreSeconds: [1, 3],
    reviveSeconds: [1, 3],
    deleteSeconds: [1, 1.5],
    updateSeconds: [1, 1.5],
    retryAfterSeconds: 1,
    tickMs: 500,
    baseCopyIntervalMs: 30 * 60_000,
  },
  realistic: {
    createSeconds: [240, 420],
    pointInTimeRestoreSeconds: [300, 900],
    reviveSeconds: [600, 1500],
    deleteSeconds: [60, 150],
    updateSeconds: [60, 180],
    retryAfterSeconds: 15,
    tickMs: 1000,
    baseCopyIntervalMs: 60 * 60_000,
  },
};

export function drawSeconds([min, max]: [number, number], random = Math.random): number {
  return min + (max - min) * random();
}
