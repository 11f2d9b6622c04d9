import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import type { Actor } from "../audit/actor";
import { canonicalJson } from "../audit/canonical-json";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { db } from "../db";
import { ConflictError, ForbiddenError, ValidationError } from "../errors";
import { alice, bob, carol, startTestEngine, type TestEngine } from "../engine/testing/engine-harness";
import { getIncident } from "../incidents/get-incident";
import { incidentReportSchema } from "../reports/report-schema";
import { runFinishedDrill } from "../reports/testing/run-finished-drill";
import { buildDrillCalendar } from "./build-drill-calendar";
import { buildDrillMatrix } from "./build-drill-matrix";
import { buildDrillsIcs } from "./build-drills-ics";
import { cancelDrill } from "./cancel-drill";
import { getDrill } from "./get-drill";
import { getDrillsSummary } from "./get-drills-summary";
import { listServiceList } from "./list-service-list";
import { recordDrillOutcome } from "./record-drill-outcome";
import { scheduleDrill } from "./schedule-drill";
import { setDrillCadence } from "./set-drill-cadence";
import { startScheduledDrill } from "./start-scheduled-drill";

const ada: Actor = { id: "ada", name: "Ada Admin", role: "admin" };
let harness: TestEngine;
beforeAll(async () => {
  harness = await startTestEngine();
});
afterAll(async () => {
  await harness.stop();
});

describe("scheduling DR tests", () => {
  it("schedules in UK time (stored in UTC), admins only, refusing bad input with clear messages", async () => {
    const { id } = await scheduleDrill({
      actor: ada,
      input: { scenarios: ["loss-of-data", "loss-of-database-server"], environment: "test", scheduledAt: { time: "2027-04-15 09:00", zone: "uk" }, participants: "Ada Admin\nLena Lead, Rhys Responder", notes: "Quarterly test." },
    });
    const drill = await getDrill({ drillId: id });
    expect(drill).toMatchObject({ status: "scheduled", participants: ["Ada Admin", "Lena Lead", "Rhys Responder"], notes: "Quarterly test.", durationMinutes: 120 });
    expect(drill.scheduledAt.utc).toBe("2027-04-15T08:00:00.000Z");
    expect(drill.scheduledLocalText).toBe("Thu 15 Apr 2027 09:00 BST");
    expect(drill.scheduledAt.text).toBe("Thu 15 Apr 2027 08:00:00 UTC (09:00:00 BST, UK time)");

    const input = { scenarios: ["loss-of-data"], environment: "test", scheduledAt: { time: "2027-01-15 09:00", zone: "uk" } };
    await expect(scheduleDrill({ actor: alice, input })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(scheduleDrill({ actor: ada, input: { ...input, scheduledAt: { time: "2027-03-28 01:30", zone: "uk" } } })).rejects.toThrow(/does not exist in UK time/);
    await expect(scheduleDrill({ actor: ada, input: { ...input, scheduledAt: { time: "2026-01-15 09:00", zone: "uk" } } })).rejects.toThrow(/in the past/);
    await expect(scheduleDrill({ actor: ada, input: { ...input, scenarios: [] } })).rejects.toThrow(/at least one scenario/);
    await expect(scheduleDrill({ actor: ada, input: { ...input, environment: "staging" } })).rejects.toBeInstanceOf(ValidationError);

    const other = await scheduleDrill({ actor: ada, input });
    await expect(cancelDrill({ actor: ada, drillId: other.id, reason: "" })).rejects.toThrow(/Say why/);
    await cancelDrill({ actor: ada, drillId: other.id, reason: "Clashes with a release." });
    expect((await getDrill({ drillId: other.id })).status).toBe("cancelled");
    await expect(cancelDrill({ actor: ada, drillId: other.id, reason: "again" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("shows scheduled tests and cadence due dates on the calendar in UK dates, with UTC beside", async () => {
    await setDrillCadence({ actor: ada, input: { scenario: "loss-of-data", environment: "preprod", intervalMonths: 3, startsLocal: "2027-01-15 09:00" } });
    const april = await buildDrillCalendar({ month: "2027-04", now: new Date("2027-03-01T00:00:00Z") });
    expect(april.label).toBe("April 2027");
    expect(april.weeks[0]!.days[0]!.date).toBe("2027-03-29"); // weeks start on Monday
    const day = april.weeks.flatMap((w) => w.days).find((d) => d.date === "2027-04-15")!;
    expect(day.events.map((e) => [e.kind, e.ukTime, e.utcText])).toEqual([
      ["drill", "09:00 BST", "08:00 UTC"],
      ["due", "09:00 BST", "08:00 UTC"],
    ]);
    expect(day.events[0]!.title).toBe("DR test: Scenario 2: Loss of data and Scenario 1: Loss of database server in test");
    const january = await buildDrillCalendar({ month: "2027-01", now: new Date("2027-03-01T00:00:00Z") });
    const due = january.weeks.flatMap((w) => w.days).find((d) => d.date === "2027-01-15")!.events[0]!;
    expect(due).toMatchObject({ kind: "due", ukTime: "09:00 GMT", utcText: "09:00 UTC", overdue: true });
    await expect(buildDrillCalendar({ month: "April" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("refuses a cadence at a time the clock changes skip or repeat", async () => {
    await expect(setDrillCadence({ actor: ada, input: { scenario: "loss-of-data", environment: "test", intervalMonths: 1, startsLocal: "2027-01-31 01:30" } })).rejects.toThrow(/outside 01:00 to 01:59/);
    await expect(setDrillCadence({ actor: ada, input: { scenario: "loss-of-data", environment: "test", intervalMonths: 2, startsLocal: "2027-01-31 09:00" } })).rejects.toThrow(/every 1, 3, 6 or 12 months/);
    await expect(setDrillCadence({ actor: alice, input: { scenario: "loss-of-data", environment: "test", intervalMonths: 3, startsLocal: "2027-01-31 09:00" } })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("serves an .ics feed with each test in UTC and the cadence's due dates", async () => {
    const ics = await buildDrillsIcs({ now: new Date("2027-03-01T00:00:00Z") });
    expect(ics).toMatch(/^BEGIN:VCALENDAR/);
    expect(ics).toContain("X-WR-CALNAME:DR tests: AYTQ and CTR");
    const events = ics.split("BEGIN:VEVENT").slice(1);
    const drill = events.find((e) => e.includes("DTSTART:20270415T080000Z") && e.includes("SUMMARY:DR test: Scenario 2"))!;
    expect(drill).toBeDefined();
    expect(drill).toMatch(/UID:drill-[0-9a-f-]{36}@dr-console/);
    expect(drill).toContain("STATUS:CONFIRMED");
    // RFC 5545: long lines are folded (CRLF + space or tab) and commas in text are escaped.
    expect(drill.replace(/\r\n[ \t]/g, "")).toContain("Participants: Ada Admin\\, Lena Lead\\, Rhys Responder");
    expect(events.some((e) => e.includes("STATUS:CANCELLED"))).toBe(true);
    const dues = events.filter((e) => e.includes("SUMMARY:DR test due: Scenario 2: Loss of data (preprod)"));
    expect(dues.map((e) => /DTSTART:(\w+)/.exec(e)![1])).toEqual(expect.arrayContaining(["20270115T090000Z", "20270415T080000Z", "20270715T080000Z", "20271015T080000Z", "20280115T090000Z"]));
  });
});

describe("running a scheduled drill, and its record", () => {
  it("starts a scenario as a drill-mode incident once, however many press start together", async () => {
    const { id: drillId } = await scheduleDrill({ actor: ada, input: { scenarios: ["loss-of-data"], environment: "test", scheduledAt: { time: new Date(Date.now() + 60_000).toISOString(), zone: "utc" } } });
    await expect(startScheduledDrill({ actor: carol, drillId, scenario: "loss-of-data" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(startScheduledDrill({ actor: alice, drillId, scenario: "loss-of-database-server" })).rejects.toThrow(/does not include/);
    const results = await Promise.allSettled([alice, bob, alice, bob, alice].map((actor) => startScheduledDrill({ actor, drillId, scenario: "loss-of-data" })));
    const started = results.filter((r) => r.status === "fulfilled");
    expect(started).toHaveLength(1);
    for (const r of results.filter((x) => x.status === "rejected")) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const incidentId = (started[0] as PromiseFulfilledResult<{ incidentId: string }>).value.incidentId;
    const incident = await getIncident({ incidentId });
    expect(incident).toMatchObject({ mode: "drill", status: "open", environment: { key: "test" }, scenario: { id: "loss-of-data" } });
    expect(await db().incident.count({ where: { mode: "drill" } })).toBe(1);
    const drill = await getDrill({ drillId });
    expect(drill.status).toBe("started");
    expect(drill.runs).toEqual([expect.objectContaining({ incidentId, scenario: "loss-of-data", incidentStatus: "open" })]);
  });

  it("records the post-scenario outcome with the report attached, updates the service list, and the matrix", async () => {
    const { id: drillId } = await scheduleDrill({ actor: ada, input: { scenarios: ["loss-of-data"], environment: "test", scheduledAt: { time: new Date(Date.now() + 60_000).toISOString(), zone: "utc" } } });
    const incidentId = await runFinishedDrill({ harness, open: async () => (await startScheduledDrill({ actor: alice, drillId, scenario: "loss-of-data" })).incidentId });
    await setDrillCadence({ actor: ada, input: { scenario: "loss-of-data", environment: "test", intervalMonths: 3, startsLocal: "2026-01-15 09:00" } });
    const before = await buildDrillMatrix({ now: new Date() });
    const cellBefore = before.rows.find((r) => r.scenario.id === "loss-of-data")!.cells.find((c) => c.environment.key === "test")!;
    expect(cellBefore).toMatchObject({ lastTest: null, overdue: true, cadence: { label: "Quarterly" } });
    expect(cellBefore.overdueText).toMatch(/^Overdue by /);
    const summary = await getDrillsSummary();
    expect(summary.overdue.map((o) => [o.scenario.id, o.environment.key])).toEqual([["loss-of-data", "test"]]);
    expect(summary.next?.scheduledAt.utc).toBe("2027-04-15T08:00:00.000Z");

    await expect(recordDrillOutcome({ actor: ada, drillId, input: { incidentId, scenario: "loss-of-data", result: "maybe", timeTakenMinutes: 10 } })).rejects.toThrow(/success or fail/);
    const recorded = await recordDrillOutcome({ actor: alice, drillId, input: { incidentId, scenario: "loss-of-data", result: "success", timeTakenMinutes: 42, issues: "The freeze needed a second try." } });
    expect(recorded.drillStatus).toBe("completed");
    await expect(recordDrillOutcome({ actor: alice, drillId, input: { incidentId, scenario: "loss-of-data", result: "success", timeTakenMinutes: 42 } })).rejects.toBeInstanceOf(ConflictError);

    const outcome = await db().drillOutcome.findUniqueOrThrow({ where: { id: recorded.id } });
    const report = incidentReportSchema.parse(outcome.report);
    expect(report.summary.incidentId).toBe(incidentId);
    expect(report.drTestTemplate).toMatchObject({ outcome: "success", issues: expect.arrayContaining(["The freeze needed a second try."]) });
    expect(outcome.reportSha256).toBe(createHash("sha256").update(canonicalJson(outcome.report)).digest("hex"));

    const serviceList = await listServiceList();
    expect(serviceList.map((e) => [e.service.key, e.environment.key, e.status])).toEqual(expect.arrayContaining([["aytq", "test", "success"], ["ctr", "test", "success"]]));
    const incident = await getIncident({ incidentId });
    expect(serviceList[0]!.testedAt.utc).toBe(incident.createdAt.utc);

    const after = await buildDrillMatrix({ now: new Date() });
    const cell = after.rows.find((r) => r.scenario.id === "loss-of-data")!.cells.find((c) => c.environment.key === "test")!;
    expect(cell.lastTest).toMatchObject({ result: "success", drillId, at: { utc: incident.createdAt.utc } });
    expect(cell.overdue).toBe(false);
    expect(Date.parse(cell.nextDue!.utc)).toBeGreaterThan(Date.now());
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    const actions = (await db().auditEvent.findMany({ where: { action: { startsWith: "drill." } }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["drill.scheduled", "drill.cancelled", "drill.cadence_set", "drill.started", "drill.outcome_recorded"]));
  }, 60_000);
});
