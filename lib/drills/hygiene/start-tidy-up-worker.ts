import type { IntegrationPorts } from "../../engine/ports";
import { getBoss } from "../../jobs/boss";
import { logger } from "../../log";
import { resumeTidyUps } from "./resume-tidy-ups";
import { runTidyUpAction } from "./run-tidy-up-action";
import { enqueueTidyUp, ensureTidyUpQueue, TIDY_UP_QUEUE, type TidyUpJob } from "./tidy-up-queue";

/** Carries out tidy-up actions in this process through `ports`, each followed by durable jobs until verified. */
export async function startTidyUpWorker(options: { ports: IntegrationPorts; pollIntervalSeconds?: number }): Promise<{ stop(): Promise<void> }> {
  const boss = await getBoss();
  await ensureTidyUpQueue(boss);
  const id = await boss.work<TidyUpJob>(TIDY_UP_QUEUE, { batchSize: 1, localConcurrency: 2, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    for (const job of jobs) {
      try {
        const tick = await runTidyUpAction({ actionId: job.data.actionId, ports: options.ports });
        if (tick.state === "waiting") await enqueueTidyUp(boss, { actionId: job.data.actionId, delaySeconds: options.pollIntervalSeconds ?? tick.delaySeconds });
      } catch (error) {
        // The database was unreachable: the housekeeping pass queues it again.
        logger.error({ err: error, actionId: job.data.actionId }, "tidy-up tick failed");
      }
    }
  });
  await resumeTidyUps(boss);
  return { stop: () => boss.offWork(TIDY_UP_QUEUE, { id, wait: true }) };
}
