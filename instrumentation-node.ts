import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { env, type Env } from "./lib/config/env";
import { isRunClaimed } from "./lib/engine/is-run-claimed";
import { unavailablePorts, type IntegrationPorts } from "./lib/engine/ports";
import { startEngine, type RunningEngine } from "./lib/engine/start-engine";
import { createPorts } from "./lib/integrations/create-ports";
import { IntegrationConfigError } from "./lib/integrations/integration-config-error";
import { logger } from "./lib/log";
import { startDrillJobs } from "./lib/drills/start-drill-jobs";

/** Kept on globalThis so that a module loaded twice (dev reloads) still starts one engine per process. */
export const CONSOLE_ENGINE = Symbol.for("dr-console.engine");
const started = CONSOLE_ENGINE;
type Holder = { [started]?: Promise<RunningEngine | null> };

/**
 * Starts the run engine in this console process with the configured ports. Not during `next build` (its page
 * workers load instrumentation too). Integrations that cannot be configured (no sandbox running, a missing GitHub
 * credential) are logged and replaced by ports that answer every call with that reason, so the console keeps serving
 * and a step fails saying why. Returns null when the engine did not start.
 */
export function startConsoleEngine(options: { config?: Env } = {}): Promise<RunningEngine | null> {
  const holder = globalThis as Holder;
  holder[started] ??= (async () => {
    const config = options.config ?? env();
    if (config.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return null;
    let ports: IntegrationPorts;
    try {
      ports = createPorts({ config, isRunClaimed });
      logger.info({ target: config.DR_TARGET }, "integrations configured");
    } catch (error) {
      const expected = error instanceof IntegrationConfigError;
      logger[expected ? "warn" : "error"]({ err: error, target: config.DR_TARGET }, `integrations unavailable: ${expected ? error.message : "unexpected error"}`);
      ports = unavailablePorts(expected ? error.message : "the integrations could not be configured (see the console's log)");
    }
    try {
      const engine = await startEngine({ ports });
      logger.info("run engine started");
      // DR test reminders and drill tidy-ups are durable pg-boss jobs too, on the same ports.
      const drills = await startDrillJobs({ ports }).catch((error: unknown) => {
        logger.error({ err: error }, "drill reminders and tidy-ups did not start");
        return null;
      });
      return {
        stop: async () => {
          await drills?.stop();
          await engine.stop();
        },
      };
    } catch (error) {
      logger.error({ err: error }, "the run engine did not start: operations will resume when the console restarts");
      return null;
    }
  })();
  return holder[started];
}
