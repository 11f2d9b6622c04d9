import { getBoss } from "../jobs/boss";
import { OPERATION_TICK_QUEUE, type OperationTickJob } from "../jobs/queues";
import { logger } from "../log";
import { followOperation, type FollowSettings } from "./follow-operation";
import { closeOperationLocks } from "./operation-lock";
import type { IntegrationPorts } from "./ports";
import { resumeOperations } from "./resume-operations";

export interface StartEngineOptions extends FollowSettings {
  ports: IntegrationPorts;
  /** How often to look for unfinished operations without a queued tick (default 30 s). */
  sweepIntervalSeconds?: number;
  /** Ticks run at once in this process (default 4). */
  concurrency?: number;
}

export interface RunningEngine {
  stop(): Promise<void>;
}

/**
 * Starts following operations in this process: a pg-boss worker for ticks, and the resume sweep, run at once so
 * that operations left unfinished by a crash carry on. Call once per process (the console's instrumentation hook;
 * tests; the crash-test child).
 */
export async function startEngine(options: StartEngineOptions): Promise<RunningEngine> {
  const boss = await getBoss();
  const settings: FollowSettings = { pollIntervalSeconds: options.pollIntervalSeconds, sendRetryLimit: options.sendRetryLimit };
  const workId = await boss.work<OperationTickJob>(
    OPERATION_TICK_QUEUE,
    // Immediate ticks arrive by NOTIFY; delayed ones (the next poll in N seconds) are found by polling, so the
    // backstop poll must be short (pg-boss's default with NOTIFY is 30 s).
    { batchSize: 1, localConcurrency: options.concurrency ?? 4, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 1 },
    async (jobs) => {
      for (const job of jobs) {
        try {
          await followOperation({ operationId: job.data.operationId, ports: options.ports, settings });
        } catch (error) {
          // A tick that crashed (database unreachable...) is retried by the sweep; the job itself ends.
          logger.error({ err: error, operationId: job.data.operationId }, "operation tick failed");
        }
      }
    },
  );
  const resumed = await resumeOperations();
  if (resumed) logger.info({ resumed }, "resumed unfinished operations");
  const sweep = setInterval(() => {
    resumeOperations().catch((error: unknown) => logger.warn({ err: error }, "resume sweep failed"));
  }, (options.sweepIntervalSeconds ?? 30) * 1000);
  sweep.unref();
  return {
    stop: async () => {
      clearInterval(sweep);
      await boss.offWork(OPERATION_TICK_QUEUE, { id: workId, wait: true });
      await closeOperationLocks();
    },
  };
}
