import { env } from "../config/env";
import type { HealthPort } from "../integrations/health/port";
import { createPorts } from "../integrations/create-ports";
import { IntegrationConfigError } from "../integrations/integration-config-error";
import { logger } from "../log";

export interface HealthPortChoice {
  port: HealthPort | null;
  /** Why there is none, for the dashboard. */
  reason?: string;
}

const globalForHealth = globalThis as unknown as { __drConsoleHealthPort?: HealthPort };

/**
 * The health port the dashboard checks AYTQ and CTR through: the integrations' own (lib/integrations/create-ports.ts,
 * the sandbox's services or the real sites), made once per process. When the integrations cannot be configured
 * (no sandbox running, cloud settings missing) the dashboard says "not available" and why, rather than guessing.
 */
export async function getHealthPort(): Promise<HealthPortChoice> {
  if (globalForHealth.__drConsoleHealthPort) return { port: globalForHealth.__drConsoleHealthPort };
  try {
    globalForHealth.__drConsoleHealthPort = createPorts({ config: env() }).health;
    return { port: globalForHealth.__drConsoleHealthPort };
  } catch (error) {
    if (!(error instanceof IntegrationConfigError)) logger.error({ err: error }, "dashboard: the health port could not be made");
    const why = error instanceof IntegrationConfigError ? error.message : "the integrations could not be configured (see the console's log)";
    return { port: null, reason: `Not available: ${why}` };
  }
}
