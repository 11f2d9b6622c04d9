import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mammoth from "mammoth";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { alice, carol, startTestEngine, type TestEngine } from "../engine/testing/engine-harness";
import { getIncident } from "../incidents/get-incident";
import { ForbiddenError, ValidationError } from "../errors";
import { addFollowUpAction } from "./add-follow-up-action";
import { buildReportJsonSchema } from "./build-report-json-schema";
import { exportReport } from "./export-report";
import { getIncidentReport } from "./get-incident-report";
import { incidentReportSchema, type IncidentReport } from "./report-schema";
import { setPostReviewCheck } from "./set-post-review-check";
import { runFinishedDrill } from "./testing/run-finished-drill";
import { updateFollowUpAction } from "./update-follow-up-action";

let harness: TestEngine;
let incidentId: string;
let report: IncidentReport;

beforeAll(async () => {
  // What the database double counts as written after the restore point (measured before the restore into live).
  harness = await startTestEngine({ world: (w) => void (w.rowsWrittenSince = { teachers: 7, qualifications: 3 }) });
  incidentId = await runFinishedDrill({ harness, detectedMinutesAgo: 40 });
  const first = await addFollowUpAction({ actor: carol, incidentId, input: { title: "Automate the freeze with a GitHub App token", owner: "Carol" } });
  await addFollowUpAction({ actor: alice, incidentId, input: { title: "Document | pipes and\nnew lines", detail: "Checks Markdown escaping" } });
  await updateFollowUpAction({ actor: alice, incidentId, followUpId: first.id, input: { title: "Automate the freeze with a GitHub App token", owner: "Carol", status: "raised", cardUrl: "https://trello.com/c/abc123" } });
  await setPostReviewCheck({ actor: alice, incidentId, input: { item: "retro-scheduled", done: true, note: "Thursday 10:00" } });
  report = await getIncidentReport({ incidentId });
}, 120_000);
afterAll(async () => {
  await harness.stop();
});

const seconds = (iso: string) => Date.parse(iso) / 1000;

describe("the report of a finished Scenario 2 drill", () => {
  it("measures the times from the records: phases add up to the total, RTO = healthy again minus stopped", async () => {
    const { times } = report;
    expect(times.milestones.map((m) => m.key)).toEqual(["detected", "service-stopped", "data-restored", "healthy-again", "closed"]);
    expect(times.missing).toEqual([]);
    const at = (key: string) => times.milestones.find((m) => m.key === key)!.at;
    expect(times.rto!.seconds).toBe(seconds(at("healthy-again").utc) - seconds(at("service-stopped").utc));
    expect(times.phases.reduce((sum, p) => sum + p.duration.seconds, 0)).toBe(times.total!.seconds);
    expect(times.total!.seconds).toBe(seconds(at("closed").utc) - seconds(at("detected").utc));
    // Detected 40 minutes before the drill was opened: the first phase is about that long.
    expect(times.phases[0]!.duration.seconds).toBeGreaterThanOrEqual(40 * 60 - 5);

    // Each milestone is the record it says: the stop step's operation finish, validate-app's operation finish.
    const view = await getIncident({ incidentId });
    const stop = view.steps.find((s) => s.id === "stop-service")!;
    expect(Date.parse(at("service-stopped").utc)).toBe(Math.floor(Date.parse(stop.finishedAt!.utc) / 1000) * 1000);
    expect(at("detected").utc).toBe(new Date(Math.floor(Date.parse(view.detectedAt.utc) / 1000) * 1000).toISOString());
    expect(at("detected").text).toMatch(/UTC \(.*(GMT|BST), UK time\)/);
  });

  it("gives the data-loss window from the restore point to the moment writes stopped", () => {
    const { dataLoss, times } = report;
    expect(dataLoss.method).toBe("point-in-time-restore");
    expect(dataLoss.restorePoint).toEqual(times.restorePoint);
    expect(dataLoss.disasterAt).toEqual(times.milestones.find((m) => m.key === "service-stopped")!.at);
    expect(dataLoss.window!.seconds).toBe(seconds(dataLoss.disasterAt!.utc) - seconds(dataLoss.restorePoint!.utc));
    // The restore point was 55 minutes before the run; the service stopped a little after the start.
    expect(dataLoss.window!.seconds).toBeGreaterThanOrEqual(55 * 60 - 5);
    expect(dataLoss.rowsWrittenAfterRestorePoint).toBe(10);
    expect(dataLoss.rowsSource).toMatch(/^Restore the data into the live server \(outputs\.dataLoss\.rowsWrittenAfterRestorePoint\)$/);
  });

  it("lists every step with who, when, how long, attempts, operations and outcome; problems; notes; audit", () => {
    expect(report.steps.map((s) => s.id)).toEqual([
      "stop-service", "start-incident-process", "freeze-pipeline", "backup-flawed-database", "restore-point-in-time", "validate-data",
      "upload-restored-database", "restore-into-live", "restart-applications", "validate-app", "unfreeze-pipeline", "tidy-up",
      "dr-test-post-scenario", "post-dr-review",
    ]);
    for (const step of report.steps) {
      expect(step.state).toBe("succeeded");
      expect(step.duration!.seconds).toBe(seconds(step.finishedAt!.utc) - seconds(step.startedAt!.utc));
      expect(step.who.length).toBeGreaterThan(0);
    }
    const freeze = report.steps.find((s) => s.id === "freeze-pipeline")!;
    expect(freeze.attempts).toBe(2);
    expect(freeze.operations).toHaveLength(2);
    expect(freeze.who.map((w) => w.name)).toEqual(expect.arrayContaining(["Alice Lead", "Carol Responder"]));
    const ptr = report.steps.find((s) => s.id === "restore-point-in-time")!;
    expect(ptr.operations[0]!.externalUrl).toMatch(/^https:\/\/github\.com\/DFE-Digital\/access-your-teaching-qualifications\/actions\/runs\/\d+$/);
    expect(report.steps.find((s) => s.id === "validate-data")!.outcome).toMatch(/Decided: decision: restore-from-this-copy/);

    expect(report.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(["resent", "failed-attempt", "retry"]));
    expect(report.problems.find((p) => p.kind === "failed-attempt")!.text).toMatch(/Freeze the pipeline: attempt 1 failed: .*Resource not accessible by integration/);
    expect(report.decisions.some((d) => d.text.includes("restore-from-this-copy"))).toBe(true);
    expect(report.notes.some((n) => n.text === "Slack channel #dr-drill-aytq opened.")).toBe(true);
    expect(report.timeline[0]!.text).toMatch(/Problem detected/);
    expect(report.timeline.some((t) => t.text.includes("Closed the incident as resolved"))).toBe(true);
    expect(report.audit).toMatchObject({ chainOk: true, brokenAt: null });
    expect(report.audit.incidentRows).toBe(report.timeline.length - 1);
    expect(report.followUps.map((f) => f.status)).toEqual(["raised", "open"]);
    expect(report.postReviewChecklist.find((c) => c.item === "retro-scheduled")).toMatchObject({ done: true, by: "Alice Lead", note: "Thursday 10:00" });
    expect(report.postReviewChecklist.map((c) => c.item)).toContain("contact-list-reviewed");
    expect(report.drTestTemplate.scenariosRun).toEqual(["Scenario 2: Loss of data, test, drill mode"]);
    expect(report.drTestTemplate.timeTaken!.seconds).toBe(seconds(report.times.milestones.at(-1)!.at.utc) - seconds(report.summary.openedAt.utc));
  });

  it("exports JSON that validates against the generated JSON Schema and reads back as the same report", async () => {
    const exported = await exportReport({ report, format: "json" });
    expect(exported.contentType).toMatch(/^application\/json/);
    expect(exported.fileName).toMatch(/^dr-test-report-test-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.json$/);
    const parsed = JSON.parse(String(exported.body)) as Record<string, unknown>;
    expect(parsed.schemaVersion).toBe(1);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(buildReportJsonSchema());
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    const { $schema: _schema, ...rest } = incidentReportSchema.parse(parsed);
    expect(rest).toEqual(report);
  });

  it("exports Markdown with every step, the figures and the template's fields", async () => {
    const md = String((await exportReport({ report, format: "md" })).body);
    for (const step of report.steps) expect(md).toContain(`${step.title} (${step.id})`);
    expect(md).toContain(`**RTO (measured: healthy again minus service stopped):** ${report.times.rto!.text} (${report.times.rto!.seconds} s)`);
    expect(md).toContain(`| Total | ${report.times.total!.text} (${report.times.total!.seconds} s) |`);
    for (const phase of report.times.phases) expect(md).toContain(`| ${phase.label} | ${phase.duration.text} (${phase.duration.seconds} s) |`);
    expect(md).toContain("| Scenarios run | Scenario 2: Loss of data, test, drill mode |");
    expect(md).toMatch(/\| Time taken \| .+ \(\d+ s\) \|/);
    expect(md).toContain("Document \\| pipes and new lines");
    expect(md).toContain("- [x] Incident retro meeting scheduled with all the stakeholders (Alice Lead,");
    expect(md).toContain("| Rows written after the restore point | 10 (Restore the data into the live server");
    expect(md).toContain("audit rows matches its hash and follows the row before it");
  });

  it("exports a .docx that opens and holds the DR test template's fields and every step", async () => {
    const exported = await exportReport({ report, format: "docx" });
    expect(exported.contentType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const buffer = Buffer.from(exported.body as Uint8Array);
    expect(buffer.subarray(0, 2).toString()).toBe("PK");
    const { value: text } = await mammoth.extractRawText({ buffer });
    expect(text).toContain("DR test template");
    for (const field of ["Scenarios run", "Time taken", "Issues", "Outcome"]) expect(text).toContain(field);
    expect(text).toContain("Scenario 2: Loss of data, test, drill mode");
    expect(text).toContain(`${report.drTestTemplate.timeTaken!.text} (${report.drTestTemplate.timeTaken!.seconds} s)`);
    expect(text).toContain(`RTO (measured: healthy again minus service stopped): ${report.times.rto!.text}`);
    expect(text).toContain("Freeze the pipeline: attempt 1 failed");
    for (const step of report.steps) expect(text).toContain(step.title);
    // Every timeline event, one line each, in order (lines a paragraph or a line break apart: the raw text drops breaks).
    const { value: html } = await mammoth.convertToHtml({ buffer });
    const decode = (l: string) => l.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    const lines = html.split(/<br \/>|<\/p>|<\/h\d>/).map(decode).filter((l) => / · /.test(l) && report.timeline.some((e) => l.startsWith(e.at.text)));
    expect(lines).toEqual(report.timeline.map((e) => `${e.at.text} · ${e.who} · ${e.text}`));
    expect(report.timeline.length).toBeGreaterThan(25);
  });

  it("refuses an unknown format, a viewer's edits, and a checklist item that is not on the list", async () => {
    await expect(exportReport({ report, format: "pdf" })).rejects.toBeInstanceOf(ValidationError);
    await expect(addFollowUpAction({ actor: { id: "v", name: "Vic Viewer", role: "viewer" }, incidentId, input: { title: "Nope" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(addFollowUpAction({ actor: alice, incidentId, input: { title: "x" } })).rejects.toThrow(/at least 3 characters/);
    await expect(addFollowUpAction({ actor: alice, incidentId, input: { title: "Card", cardUrl: "javascript:alert(1)" } })).rejects.toThrow(/https/);
    await expect(setPostReviewCheck({ actor: alice, incidentId, input: { item: "party", done: true } })).rejects.toThrow(/not on the post-DR review checklist/);
  });
});
