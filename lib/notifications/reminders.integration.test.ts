import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Actor } from "../audit/actor";
import { db } from "../db";
import { scheduleDrill } from "../drills/schedule-drill";
import { setDrillCadence } from "../drills/set-drill-cadence";
import { getBoss, stopBoss } from "../jobs/boss";
import { checkDrillReminders } from "./check-drill-reminders";
import { dismissReminder } from "./dismiss-reminder";
import { listReminders } from "./list-reminders";
import { DRILL_HOUSEKEEPING_QUEUE } from "./reminder-queues";
import { startReminderJobs } from "./start-reminder-jobs";

const ada: Actor = { id: "ada", name: "Ada Admin", role: "admin" };
const rhys: Actor = { id: "rhys", name: "Rhys Responder", role: "responder" };

/** A stand-in for a Teams Workflows webhook: answers 500 to the first post, then 202, and keeps what it got. */
let server: Server;
let webhookUrl: string;
const received: { body: Record<string, unknown>; contentType: string | undefined }[] = [];
let failuresLeft = 1;

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => resolve(data));
  });

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((text) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        res.writeHead(500).end("temporarily unavailable");
        return;
      }
      received.push({ body: JSON.parse(text) as Record<string, unknown>, contentType: req.headers["content-type"] });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/workflows/hook`;
});
afterAll(async () => {
  await stopBoss();
  await new Promise((r) => server.close(r));
});

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("DR test reminders", () => {
  it("creates an upcoming reminder once, with the shortest lead time that applies", async () => {
    const { id } = await scheduleDrill({ actor: ada, input: { scenarios: ["loss-of-data"], environment: "test", scheduledAt: { time: "2027-04-15 09:00", zone: "uk" }, participants: ["Lena Lead"] } });
    const at = Date.parse("2027-04-15T08:00:00Z");
    expect(await checkDrillReminders({ now: new Date(at - 10 * 24 * 3600_000), leadHours: [168, 24], webhookConfigured: false })).toEqual([]);
    const weekBefore = await checkDrillReminders({ now: new Date(at - 6 * 24 * 3600_000), leadHours: [168, 24], webhookConfigured: false });
    expect(weekBefore).toHaveLength(1);
    expect(await checkDrillReminders({ now: new Date(at - 5 * 24 * 3600_000), leadHours: [168, 24], webhookConfigured: false })).toEqual([]);
    const dayBefore = await checkDrillReminders({ now: new Date(at - 20 * 3600_000), leadHours: [168, 24], webhookConfigured: false });
    expect(dayBefore).toHaveLength(1);
    const reminders = await db().reminder.findMany({ where: { drillId: id }, orderBy: { createdAt: "asc" } });
    expect(reminders.map((r) => [r.kind, r.dedupeKey.split(":").at(-1), r.title])).toEqual([
      ["upcoming", "168h", "DR test in 6 days: Scenario 2: Loss of data in test"],
      ["upcoming", "24h", "DR test in 20 hours: Scenario 2: Loss of data in test"],
    ]);
    expect(reminders[0]!.message).toContain("Thu 15 Apr 2027 08:00:00 UTC (09:00:00 BST, UK time)");
    expect(reminders[0]!.delivery).toBe("not_configured");

    const shown = await listReminders();
    expect(shown.map((r) => r.id)).toEqual(expect.arrayContaining(reminders.map((r) => r.id)));
    await dismissReminder({ actor: rhys, reminderId: reminders[0]!.id });
    expect((await listReminders()).map((r) => r.id)).not.toContain(reminders[0]!.id);
  });

  it("runs on a pg-boss schedule: an overdue cadence becomes a reminder posted to the webhook, retried after a failure", async () => {
    await setDrillCadence({ actor: ada, input: { scenario: "loss-of-database-server", environment: "production", intervalMonths: 6, startsLocal: "2026-03-29 09:00" } });
    const jobs = await startReminderJobs({ webhook: { url: webhookUrl, kind: "teams", baseUrl: "https://dr-console.example.gov.uk" }, leadHours: [24], retryLimit: 3, retryDelaySeconds: 1 });
    try {
      const boss = await getBoss();
      const schedules = await boss.getSchedules(DRILL_HOUSEKEEPING_QUEUE);
      expect(schedules).toEqual([expect.objectContaining({ name: DRILL_HOUSEKEEPING_QUEUE, cron: "*/5 * * * *", timezone: "Europe/London" })]);
      // What the schedule sends every five minutes, sent now.
      await boss.send(DRILL_HOUSEKEEPING_QUEUE, {});
      const reminder = await waitFor(
        () => db().reminder.findFirst({ where: { kind: "overdue" } }),
        (r) => r?.delivery === "sent",
      );
      expect(reminder).toMatchObject({ title: "DR test overdue: Scenario 1: Loss of database server in production", deliveryAttempts: 2, deliveryError: null, link: "/drills#matrix" });
      expect(reminder!.dueAt.toISOString()).toBe("2026-03-29T08:00:00.000Z");
      expect(reminder!.message).toMatch(/It has never been tested\./);
      expect(received).toHaveLength(1);
      expect(received[0]!.contentType).toBe("application/json");
      const card = (received[0]!.body.attachments as { contentType: string; content: { type: string; body: { text: string }[]; actions: { url: string }[] } }[])[0]!;
      expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
      expect(card.content.type).toBe("AdaptiveCard");
      expect(card.content.body[0]!.text).toBe(reminder!.title);
      expect(card.content.actions[0]!.url).toBe("https://dr-console.example.gov.uk/drills#matrix");

      // A second pass creates nothing new and posts nothing again.
      await boss.send(DRILL_HOUSEKEEPING_QUEUE, {});
      await new Promise((r) => setTimeout(r, 2500));
      expect(await db().reminder.count({ where: { kind: "overdue" } })).toBe(1);
      expect(received).toHaveLength(1);
    } finally {
      await jobs.stop();
    }
  }, 60_000);
});
