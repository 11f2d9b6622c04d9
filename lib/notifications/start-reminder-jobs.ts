import { env } from "../config/env";
import { db } from "../db";
import { resumeTidyUps } from "../drills/hygiene/resume-tidy-ups";
import { getBoss } from "../jobs/boss";
import { logger } from "../log";
import { UK_ZONE } from "../time/zone";
import { checkDrillReminders } from "./check-drill-reminders";
import { postReminderToWebhook, type WebhookTarget } from "./post-reminder-to-webhook";
import { DRILL_HOUSEKEEPING_QUEUE, ensureReminderQueues, REMINDER_WEBHOOK_QUEUE, type ReminderWebhookJob } from "./reminder-queues";

export interface StartReminderJobsOptions {
  /** Default: DRILL_REMINDER_WEBHOOK_URL / _KIND and AUTH_URL from configuration; null: in-app only. */
  webhook?: WebhookTarget | null;
  /** Default: DRILL_REMINDER_LEAD_HOURS. */
  leadHours?: number[];
  /** The housekeeping schedule (cron, UK time). Default every 5 minutes. */
  cron?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
}

/**
 * The durable jobs behind DR test reminders, on pg-boss in the console's database (no timers in this process):
 * a pg-boss cron schedule sends a housekeeping job every few minutes, which creates the reminders that are due
 * (and queues unfinished tidy-ups again); each new reminder is posted to the webhook by its own job, retried with
 * back-off. Schedules live in the database, so any replica runs them once and they survive restarts.
 */
export async function startReminderJobs(options: StartReminderJobsOptions = {}): Promise<{ stop(): Promise<void> }> {
  const config = env();
  const webhook = options.webhook !== undefined
    ? options.webhook
    : config.DRILL_REMINDER_WEBHOOK_URL
      ? { url: config.DRILL_REMINDER_WEBHOOK_URL, kind: config.DRILL_REMINDER_WEBHOOK_KIND, baseUrl: config.AUTH_URL ?? null }
      : null;
  const leadHours = options.leadHours ?? config.DRILL_REMINDER_LEAD_HOURS;
  const retryLimit = options.retryLimit ?? 6;
  const boss = await getBoss();
  await ensureReminderQueues(boss, { retryLimit, retryDelaySeconds: options.retryDelaySeconds ?? 30 });
  await boss.schedule(DRILL_HOUSEKEEPING_QUEUE, options.cron ?? "*/5 * * * *", {}, { tz: UK_ZONE, key: "default" });

  const housekeeping = await boss.work(DRILL_HOUSEKEEPING_QUEUE, { batchSize: 1 }, async () => {
    const created = await checkDrillReminders({ now: new Date(), leadHours, webhookConfigured: webhook !== null });
    if (created.length) logger.info({ reminders: created.length }, "DR test reminders created");
    // Reminders whose posting job was lost (a crash between creating and queueing) are queued again.
    const pending = webhook ? await db().reminder.findMany({ where: { delivery: "pending" }, select: { id: true } }) : [];
    for (const r of pending) await boss.send(REMINDER_WEBHOOK_QUEUE, { reminderId: r.id } satisfies ReminderWebhookJob, { singletonKey: r.id });
    await resumeTidyUps(boss);
  });
  const posting = await boss.work<ReminderWebhookJob>(REMINDER_WEBHOOK_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job || !webhook) return;
    await postReminderToWebhook({ reminderId: job.data.reminderId, target: webhook, lastAttempt: (job.retryCount ?? 0) >= retryLimit });
  });
  return {
    stop: async () => {
      await boss.offWork(DRILL_HOUSEKEEPING_QUEUE, { id: housekeeping, wait: true });
      await boss.offWork(REMINDER_WEBHOOK_QUEUE, { id: posting, wait: true });
    },
  };
}
