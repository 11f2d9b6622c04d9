import type { IntegrationPorts } from "../../engine/ports";

/**
 * The ports the DR tests page reads live state through and the tidy-up worker acts through: registered by
 * startDrillJobs (lib/drills/start-drill-jobs.ts) with the same ports the engine was started with. Null until then:
 * the page then works from the records alone and says so.
 */
const holder = globalThis as unknown as { __drConsoleHygienePorts?: IntegrationPorts | null };

export const hygienePorts = {
  set(ports: IntegrationPorts | null): void {
    holder.__drConsoleHygienePorts = ports;
  },
  get(): IntegrationPorts | null {
    return holder.__drConsoleHygienePorts ?? null;
  },
};
