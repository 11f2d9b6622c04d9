import type { IntegrationPorts } from "../engine/ports";
import { startReminderJobs, type StartReminderJobsOptions } from "../notifications/start-reminder-jobs";
import { hygienePorts } from "./hygiene/hygiene-ports";
import { startTidyUpWorker } from "./hygiene/start-tidy-up-worker";

/**
 * Starts the DR tests' background work in this process: the reminder schedule and its webhook posts, and the
 * tidy-up worker acting through `ports` (the same ports the engine was started with), which the DR tests pages also
 * read live state through. Call once per console process, after startEngine (instrumentation.ts).
 */
export async function startDrillJobs(options: { ports: IntegrationPorts; reminders?: StartReminderJobsOptions; tidyUpPollIntervalSeconds?: number }): Promise<{ stop(): Promise<void> }> {
  hygienePorts.set(options.ports);
  const tidyUp = await startTidyUpWorker({ ports: options.ports, pollIntervalSeconds: options.tidyUpPollIntervalSeconds });
  const reminders = await startReminderJobs(options.reminders);
  return {
    stop: async () => {
      await reminders.stop();
      await tidyUp.stop();
      hygienePorts.set(null);
    },
  };
}
