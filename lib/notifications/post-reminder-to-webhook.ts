import { db } from "../db";
import { IntegrationError } from "../errors";
import { buildWebhookPayload } from "./build-webhook-payload";

const TIMEOUT_MS = 10_000;

export interface WebhookTarget {
  url: string;
  kind: "teams" | "slack";
  /** The console's public URL, for absolute links (AUTH_URL); null: no link button. */
  baseUrl: string | null;
}

/**
 * Posts one reminder to the Teams or Slack webhook and records the result on the reminder. A failure throws (the
 * pg-boss job is retried with back-off); on the last attempt the reminder is marked failed with the reason.
 */
export async function postReminderToWebhook(options: { reminderId: string; target: WebhookTarget; lastAttempt: boolean }): Promise<void> {
  const reminder = await db().reminder.findUnique({ where: { id: options.reminderId } });
  if (!reminder || reminder.delivery === "sent") return;
  const { target } = options;
  const url = target.baseUrl ? `${target.baseUrl.replace(/\/$/, "")}${reminder.link}` : null;
  const body = buildWebhookPayload({ kind: target.kind, title: reminder.title, message: reminder.message, url });
  try {
    const response = await fetch(target.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) {
      const text = (await response.text().catch(() => "")).slice(0, 200);
      throw new IntegrationError("webhook", `The ${target.kind} webhook answered ${response.status}${text ? `: ${text}` : ""}.`, { retryable: response.status === 429 || response.status >= 500, status: response.status });
    }
    await db().reminder.update({ where: { id: reminder.id }, data: { delivery: "sent", deliveredAt: new Date(), deliveryError: null, deliveryAttempts: { increment: 1 } } });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await db().reminder.update({
      where: { id: reminder.id },
      data: { deliveryAttempts: { increment: 1 }, deliveryError: reason.slice(0, 500), ...(options.lastAttempt ? { delivery: "failed" } : {}) },
    });
    throw error;
  }
}
