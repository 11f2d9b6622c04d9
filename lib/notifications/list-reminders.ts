import { db } from "../db";
import { timeView } from "../incidents/time-view";
import type { TimeView } from "../incidents/incident-view";

export interface ReminderView {
  id: string;
  kind: "upcoming" | "overdue";
  title: string;
  message: string;
  link: string;
  dueAt: TimeView;
  createdAt: TimeView;
  delivery: "not_configured" | "pending" | "sent" | "failed";
  deliveryError: string | null;
}

/** In-app reminders not yet dismissed, newest first (the DR tests page and the dashboard show them). */
export async function listReminders(options: { limit?: number } = {}): Promise<ReminderView[]> {
  const rows = await db().reminder.findMany({ where: { dismissedAt: null }, orderBy: { createdAt: "desc" }, take: options.limit ?? 50 });
  return rows.map((r) => ({
    id: r.id, kind: r.kind, title: r.title, message: r.message, link: r.link, dueAt: timeView(r.dueAt), createdAt: timeView(r.createdAt),
    delivery: r.delivery, deliveryError: r.deliveryError,
  }));
}
