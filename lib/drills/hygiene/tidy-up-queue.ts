import type { PgBoss } from "pg-boss";

/** The queue of tidy-up work: one job per step of a tidy-up action (send, then each check). */
export const TIDY_UP_QUEUE = "dr-drill-tidy-up";

export interface TidyUpJob {
  actionId: string;
}

export async function ensureTidyUpQueue(boss: PgBoss): Promise<void> {
  if (await boss.getQueue(TIDY_UP_QUEUE)) return;
  try {
    // `short` with the action id as singleton key: at most one queued job per action, like the engine's ticks.
    await boss.createQueue(TIDY_UP_QUEUE, { policy: "short", expireInSeconds: 120, retryLimit: 0, deleteAfterSeconds: 7 * 24 * 3600 });
  } catch (error) {
    if (!(await boss.getQueue(TIDY_UP_QUEUE))) throw error;
  }
}

export async function enqueueTidyUp(boss: PgBoss, options: { actionId: string; delaySeconds?: number }): Promise<void> {
  const delay = options.delaySeconds ?? 0;
  await boss.send(TIDY_UP_QUEUE, { actionId: options.actionId } satisfies TidyUpJob, {
    singletonKey: options.actionId,
    ...(delay > 0 ? { startAfter: new Date(Date.now() + delay * 1000) } : {}),
  });
}
