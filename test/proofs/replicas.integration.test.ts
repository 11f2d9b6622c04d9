import http from "node:http";
import type { AddressInfo } from "node:net";
import { PgBoss } from "pg-boss";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import type { IncidentView } from "../../lib/incidents/incident-view";
import { BOSS_SCHEMA } from "../../lib/jobs/boss";
import { DRILL_HOUSEKEEPING_QUEUE } from "../../lib/notifications/reminder-queues";
import { expectOk } from "./support/api-client";
import { openIncident, stepAction, waitForStep } from "./support/drill-driver";
import { externalWrites } from "./support/external-writes";
import { ensureProductionBuild } from "./support/production-build";
import { proofsEnabled, testDatabases } from "./support/proof-env";
import { startProofStack, type ProofStack } from "./support/proof-stack";
import { sessionCookieFor } from "./support/session-cookie";
import { openSseClient, type SseClient } from "./support/sse-client";

/**
 * Issue 9, item 6. Two console processes (the standalone server of the production build) on one database, as the two replicas of
 * the Kubernetes Deployment: each serves live updates to its own browsers whichever replica took the action; a job
 * runs once however many replicas work its queue; an operation started on one replica is followed to its end by the
 * other after the first is killed.
 */

const REPO = "DFE-Digital/access-your-teaching-qualifications";
let stack: ProofStack;
const webhookPosts: string[] = [];
let webhook: http.Server;
const clients: SseClient[] = [];

function waitForEvent(client: SseClient, match: (data: { action: string; stepId: string | null; detail: unknown }) => boolean, timeoutMs = 10_000): Promise<number> {
  const seen = client.events.find((e) => e.event === "audit" && match(JSON.parse(e.data)));
  if (seen) return Promise.resolve(seen.receivedAt);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error("the live event did not arrive"));
    }, timeoutMs);
    const off = client.on((e) => {
      if (e.event === "audit" && match(JSON.parse(e.data))) {
        clearTimeout(timer);
        off();
        resolve(e.receivedAt);
      }
    });
  });
}

describe.runIf(proofsEnabled())("two console replicas on one database", () => {
  beforeAll(async () => {
    await ensureProductionBuild();
    webhook = http.createServer((request, response) => {
      let body = "";
      request.on("data", (c: Buffer) => (body += c.toString()));
      request.on("end", () => {
        webhookPosts.push(body);
        response.writeHead(200, { "content-type": "text/plain" }).end("ok");
      });
    });
    await new Promise<void>((r) => webhook.listen(0, "127.0.0.1", () => r()));
    stack = await startProofStack({
      ...testDatabases(),
      consoles: 2,
      consoleEnv: { DRILL_REMINDER_WEBHOOK_URL: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`, DRILL_REMINDER_WEBHOOK_KIND: "slack" },
    });
  }, 15 * 60_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await stack?.stop();
    await new Promise((r) => webhook?.close(r));
  });

  it("each replica's browsers see the changes made through either replica", async () => {
    const incident = await openIncident(stack.api("lead", 0), { scenario: "loss-of-data", environment: "test", mode: "drill" });
    const cookie = await sessionCookieFor(stack.people.responder.id);
    const [one, two] = stack.consoles.map((c) => openSseClient({ url: `${c.url}/api/live?incidentId=${incident.id}`, cookie }));
    clients.push(one!, two!);
    await Promise.all([one!.ready, two!.ready]);
    for (const [via, index] of [["first", 0], ["second", 1]] as const) {
      const text = `Written through the ${via} replica at ${new Date().toISOString()}`;
      const sent = performance.now();
      expectOk(await stack.api("responder", index).post(`/api/v1/incidents/${incident.id}/actions`, { action: "note", text }), "writing a note");
      const isIt = (e: { action: string; detail: unknown }) => e.action === "note.recorded";
      const arrivals = await Promise.all([one!, two!].map((c) => waitForEvent(c, (e) => isIt(e) && JSON.stringify(e).includes(text))));
      console.info(`a note written through the ${via} replica reached the first replica's browser in ${Math.round(arrivals[0]! - sent)} ms, the second's in ${Math.round(arrivals[1]! - sent)} ms`);
    }
  }, 120_000);

  it("a job runs once however many replicas work its queue: operations, and a reminder posted to the webhook", async () => {
    await stack.control.resetCounters();
    // Twelve operations started through both replicas at once; both replicas' workers take ticks from the one queue.
    const incidents = await Promise.all(Array.from({ length: 12 }, (_, i) => openIncident(stack.api("lead", i % 2), { scenario: "loss-of-data", environment: "test", mode: "drill" })));
    await Promise.all(incidents.map((incident, i) => stepAction(stack.api("lead", i % 2), incident.id, "freeze-pipeline", { action: "start" })));
    for (const incident of incidents) expect((await waitForStep({ api: stack.api("lead", 0), incidentId: incident.id, stepId: "freeze-pipeline" })).state).toBe("succeeded");
    expect(externalWrites(await stack.control.counters())).toEqual({ [`github:update-pull-request-review-protection ${REPO}/main`]: 12 });
    const sent = await db().auditEvent.groupBy({ by: ["operationId"], where: { action: "operation.sent", incidentId: { in: incidents.map((i) => i.id) } }, _count: true });
    expect(sent).toHaveLength(12);
    expect(sent.every((s) => s._count === 1)).toBe(true);

    // A DR test tomorrow: the housekeeping job (a pg-boss cron in each replica) creates its reminder and a job posts it.
    // Both replicas' crons fire at the same minute: two housekeeping jobs are sent, as they would be.
    expectOk(await stack.api("admin", 1).post("/api/v1/drills", { scenarios: ["loss-of-data"], environment: "preprod", scheduledAt: { time: DateTime.utc().plus({ hours: 20 }).toISO(), zone: "utc" } }), "scheduling a DR test");
    const boss = new PgBoss({ connectionString: testDatabases().databaseUrl, schema: BOSS_SCHEMA, supervise: false, schedule: false, migrate: false });
    await boss.start();
    try {
      await Promise.all([boss.send(DRILL_HOUSEKEEPING_QUEUE, {}), boss.send(DRILL_HOUSEKEEPING_QUEUE, {})]);
    } finally {
      await boss.stop({ graceful: true, timeout: 5000 });
    }
    const deadline = Date.now() + 60_000;
    while (webhookPosts.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 3000)); // time for a second post, were there one
    const reminders = await db().reminder.findMany({ select: { id: true, delivery: true, title: true } });
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.delivery).toBe("sent");
    expect(webhookPosts).toHaveLength(1);
    expect(webhookPosts[0]).toContain("DR test in");
  }, 180_000);

  it("an operation started on one replica is followed to its end by the other after the first is killed", async () => {
    await stack.control.resetCounters();
    const [first, second] = stack.consoles as [typeof stack.consoles[0], typeof stack.consoles[0]];
    const incident = await openIncident(stack.api("lead", 0), { scenario: "loss-of-data", environment: "test", mode: "drill" });
    const cookie = await sessionCookieFor(stack.people.lead.id);
    const watcher = openSseClient({ url: `${second!.url}/api/live?incidentId=${incident.id}`, cookie });
    clients.push(watcher);
    await watcher.ready;
    for (const stepId of ["stop-service", "freeze-pipeline"]) {
      await stepAction(stack.api("lead", 0), incident.id, stepId, { action: "start" });
      expect((await waitForStep({ api: stack.api("lead", 0), incidentId: incident.id, stepId })).state).toBe("succeeded");
    }
    // A backup workflow, started through the first replica; killed once GitHub has the run.
    await stepAction(stack.api("lead", 0), incident.id, "backup-flawed-database", { action: "start" });
    const running = await waitForStep({ api: stack.api("lead", 0), incidentId: incident.id, stepId: "backup-flawed-database", until: (s) => s.operation?.status === "running" });
    await first!.kill();
    const killedAt = performance.now();
    const done = await waitForStep({ api: stack.api("lead", 1), incidentId: incident.id, stepId: "backup-flawed-database", timeoutMs: 120_000 });
    expect(done.state, done.error ?? "").toBe("succeeded");
    await waitForEvent(watcher, (e) => e.action === "step.succeeded" && e.stepId === "backup-flawed-database");
    console.info(`the second replica finished the backup ${Math.round((performance.now() - killedAt) / 1000)} s after the first was killed (run ${running.operation!.externalId})`);
    expect(externalWrites(await stack.control.counters())["github:dispatch database-backup.yml"]).toBe(1);
    const view = expectOk(await stack.api("lead", 1).get<IncidentView>(`/api/v1/incidents/${incident.id}`), "reading the incident");
    expect(view.steps.find((s) => s.id === "backup-flawed-database")!.operation!.sendAttempts).toBe(1);
    expect(expectOk(await stack.api("lead", 1).get<{ ok: boolean }>("/api/v1/audit/verify"), "verifying the audit chain").ok).toBe(true);
  }, 180_000);
});
