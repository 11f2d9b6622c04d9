import type { PgBoss } from "pg-boss";

/** The DR tests' durable jobs (pg-boss, in the console's database). */

/** A pg-boss cron schedule sends a job here every few minutes: reminders, and resuming unfinished tidy-ups. */
export const DRILL_HOUSEKEEPING_QUEUE = "dr-drill-housekeeping";
/** One job per reminder to post to the Teams or Slack webhook, retried with back-off by pg-boss. */
export const REMINDER_WEBHOOK_QUEUE = "dr-reminder-webhook";

export interface ReminderWebhookJob {
  reminderId: string;
}

export async function ensureReminderQueues(boss: PgBoss, options: { retryLimit: number; retryDelaySeconds: number }): Promise<void> {
  const wanted: [string, Parameters<PgBoss["createQueue"]>[1]][] = [
    // `singleton`: one housekeeping pass at a time, however many replicas run the console. `exclusive` (webhook):
    // one job per reminder queued or running, so queueing a pending reminder again never posts it twice.
    [DRILL_HOUSEKEEPING_QUEUE, { policy: "singleton", expireInSeconds: 300, retryLimit: 0, deleteAfterSeconds: 24 * 3600 }],
    [REMINDER_WEBHOOK_QUEUE, { policy: "exclusive", expireInSeconds: 60, retryLimit: options.retryLimit, retryDelay: options.retryDelaySeconds, retryBackoff: true, deleteAfterSeconds: 7 * 24 * 3600 }],
  ];
  for (const [name, queueOptions] of wanted) {
    if (await boss.getQueue(name)) continue;
    try {
      await boss.createQueue(name, queueOptions);
    } catch (error) {
      if (!(await boss.getQueue(name))) throw error;
    }
  }
}
