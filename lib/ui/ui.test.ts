import { describe, expect, it } from "vitest";
import { getScenario } from "../runbooks/scenarios";
import type { IncidentView, StepView } from "../incidents/incident-view";
import type { LiveEvent } from "../live/live-event";
import { checkStepInputs } from "./check-step-inputs";
import { describeFormFields } from "./describe-form-fields";
import { describeLiveEvent } from "./describe-live-event";
import { describeOperation } from "./describe-operation";
import { describeStepState } from "./describe-step-state";
import { findNextStep } from "./find-next-step";
import { formatDuration } from "./format-duration";
import { initialFormValues } from "./initial-form-values";
import { previewTypedTime } from "./preview-typed-time";
import { toStepInputs } from "./to-step-inputs";
import { describeStepInputs } from "../incidents/describe-step-inputs";
import { buildStepContext } from "./build-step-context";

describe("formatDuration", () => {
  it("reads as people say it", () => {
    const at = (s: number) => new Date(Date.UTC(2026, 6, 24, 6, 0, 0) + s * 1000);
    expect(formatDuration({ from: at(0), to: at(45) })).toBe("45 s");
    expect(formatDuration({ from: at(0), to: at(185) })).toBe("3 min 05 s");
    expect(formatDuration({ from: at(0), to: at(2 * 3600 + 7 * 60 + 59) })).toBe("2 h 07 min");
    expect(formatDuration({ from: at(0), to: at(26 * 3600) })).toBe("1 d 2 h");
    expect(formatDuration({ from: "2026-07-24T06:00:10Z", to: "2026-07-24T06:00:00Z" })).toBe("0 s");
  });
});

describe("previewTypedTime", () => {
  it("reads a summer UK time back on both clocks", () => {
    expect(previewTypedTime({ time: "2026-07-24 07:00", zone: "uk", label: "Restore point" })).toMatchObject({
      state: "ok",
      utc: "2026-07-24T06:00:00Z",
      utcText: "Fri 24 Jul 2026 06:00:00 UTC",
      ukText: "Fri 24 Jul 2026 07:00:00 BST",
      explicitOffset: false,
    });
  });
  it("explains a UK time the clocks skipped or repeated", () => {
    const skipped = previewTypedTime({ time: "2026-03-29T01:30", zone: "uk", label: "Restore point" });
    expect(skipped).toMatchObject({ state: "invalid", message: expect.stringContaining("does not exist in UK time") });
    const repeated = previewTypedTime({ time: "2026-10-25T01:30", zone: "uk", label: "Restore point" });
    expect(repeated).toMatchObject({ state: "invalid", message: expect.stringContaining("ambiguous") });
  });
  it("says nothing for an empty field and notes an explicit offset", () => {
    expect(previewTypedTime({ time: "  ", zone: "uk", label: "x" })).toEqual({ state: "empty" });
    expect(previewTypedTime({ time: "2026-07-24T06:00:00Z", zone: "uk", label: "x" })).toMatchObject({ state: "ok", explicitOffset: true, utc: "2026-07-24T06:00:00Z" });
  });
});

describe("describeOperation", () => {
  it("says plainly that scaling to 0 stops the service, and marks it destructive", () => {
    const d = describeOperation({ request: { kind: "kubernetes.scale", deployments: [{ namespace: "tra-test", name: "web", replicas: 0 }] } });
    expect(d.destructive).toBe(true);
    expect(d.actions[0]).toMatch(/Scale deployment web in namespace tra-test to 0 replicas: it stops/);
  });
  it("says a server deletion cannot be undone", () => {
    const d = describeOperation({ request: { kind: "azure-postgres.delete-server", server: { subscriptionId: "s", resourceGroup: "rg", server: "srv-ptr" } } });
    expect(d).toMatchObject({ destructive: true, actions: [expect.stringMatching(/Delete .* srv-ptr .* cannot be undone/)] });
  });
  it("names the workflow, its inputs and its pre-check; a restore from storage overwrites live data", () => {
    const d = describeOperation({
      request: {
        kind: "github.dispatch-workflow",
        repository: { owner: "DFE-Digital", repo: "aytq" },
        ref: "main",
        workflowFile: "database-restore.yml",
        workflowTitle: "Restore database from Azure storage",
        inputs: { environment: "test", "backup-file": "x.sql.gz" },
        precheck: { kind: "backup-exists", account: "acc", container: "database-backup", name: "x.sql.gz" },
      },
    });
    expect(d.actions).toEqual([
      expect.stringContaining("First check that the backup x.sql.gz exists in acc/database-backup"),
      expect.stringContaining('"Restore database from Azure storage" (database-restore.yml) in DFE-Digital/aytq on main, with environment = test, backup-file = x.sql.gz'),
      expect.stringContaining("overwrites the data in the live database"),
    ]);
    expect(d.destructive).toBe(true);
  });
  it("does not call a PTR to a new server destructive", () => {
    const d = describeOperation({
      request: { kind: "github.dispatch-workflow", repository: { owner: "o", repo: "r" }, ref: "main", workflowFile: "database-restore-ptr.yml", workflowTitle: "PTR", inputs: {} },
    });
    expect(d.destructive).toBe(false);
  });
});

describe("step state labels", () => {
  it("gives each state words and a GOV.UK tag colour; steps of another option read as such", () => {
    expect(describeStepState({ state: "failed" })).toEqual({ label: "Failed", tagClass: "govuk-tag--red" });
    expect(describeStepState({ state: "ready", onFollowedBranch: false })).toEqual({ label: "Other option", tagClass: "govuk-tag--grey" });
  });
});

const step = (id: string, state: StepView["state"], onFollowedBranch = true) => ({ id, state, onFollowedBranch }) as StepView;

describe("findNextStep", () => {
  it("is the first step on the followed option that needs a person, in runbook order", () => {
    expect(findNextStep({ steps: [step("a", "succeeded"), step("b", "running"), step("c", "ready"), step("d", "failed")] })?.id).toBe("c");
    expect(findNextStep({ steps: [step("a", "ready", false), step("b", "awaiting_approval")] })?.id).toBe("b");
  });
  it("falls back to a running step, then to nothing", () => {
    expect(findNextStep({ steps: [step("a", "succeeded"), step("b", "running"), step("c", "pending")] })?.id).toBe("b");
    expect(findNextStep({ steps: [step("a", "succeeded"), step("b", "skipped")] })).toBeNull();
  });
});

/** An incident view of Scenario 2 in test, built from the real definitions (what the server would send). */
function lossOfDataView(now: Date): IncidentView {
  const scenario = getScenario("loss-of-data");
  const base = { id: "5b1f7c1e-0000-4000-8000-000000000001", service: { key: "aytq", name: "AYTQ" }, scenario: { id: scenario.id, title: scenario.title }, environment: { key: "test", label: "Test", production: false }, mode: "drill", status: "open", branch: null, branches: [], lead: { id: "a", name: "Ada" }, detectedAt: { utc: now.toISOString(), text: "" } } as unknown as IncidentView;
  const steps = scenario.steps.map((s) => ({ id: s.id, title: s.title, state: "ready", inputs: null, outputs: null, onFollowedBranch: true }) as unknown as StepView);
  const view = { ...base, steps } as IncidentView;
  const context = buildStepContext({ view, now });
  for (const s of view.steps) s.input = describeStepInputs(scenario.steps.find((d) => d.id === s.id)!.inputs(context));
  return view;
}

describe("the run page's forms, from the step's own schema", () => {
  const now = new Date("2026-07-24T12:00:00Z");
  const view = lossOfDataView(now);
  const ptr = view.steps.find((s) => s.id === "restore-point-in-time")!;
  const fields = describeFormFields({ stepId: ptr.id, jsonSchema: ptr.input.jsonSchema });

  it("derives fields, labels and kinds from the JSON Schema", () => {
    expect(fields).toEqual([
      expect.objectContaining({ name: "restorePoint", kind: "time", label: "Restore point", required: true }),
      expect.objectContaining({ name: "newServer", kind: "text", label: "Name of the new server", required: false }),
    ]);
    const decision = view.steps.find((s) => s.id === "validate-data")!;
    expect(describeFormFields({ stepId: decision.id, jsonSchema: decision.input.jsonSchema })).toEqual([
      expect.objectContaining({ name: "decision", kind: "choice", options: ["restore-from-this-copy"] }),
      expect.objectContaining({ name: "findings", kind: "textarea", required: true }),
    ]);
    const restart = view.steps.find((s) => s.id === "restart-applications")!;
    expect(describeFormFields({ stepId: restart.id, jsonSchema: restart.input.jsonSchema })[0]).toMatchObject({ kind: "integer", min: 0, max: 50 });
  });

  it("starts from the catalogue defaults, or from the previous attempt's inputs (a stored time as typed, on its clock)", () => {
    expect(initialFormValues({ fields, previous: null, defaults: ptr.input.defaults })).toEqual({ restorePoint: { time: "", zone: "uk" }, newServer: "s189t01-aytq-ts-pg-ptr" });
    const previous = { restorePoint: { utc: "2026-07-24T06:00:00Z", typed: "2026-07-24 07:00", zone: "uk" }, newServer: "s189t01-aytq-ts-pg-ptr2" };
    expect(initialFormValues({ fields, previous, defaults: ptr.input.defaults })).toEqual({ restorePoint: { time: "2026-07-24 07:00", zone: "uk" }, newServer: "s189t01-aytq-ts-pg-ptr2" });
  });

  it("sends times as { time, zone } and leaves empty fields out", () => {
    expect(toStepInputs({ fields, values: { restorePoint: { time: " 2026-07-24 07:00 ", zone: "uk" }, newServer: "" } })).toEqual({ restorePoint: { time: "2026-07-24 07:00", zone: "uk" } });
  });

  it("refuses a restore point outside the PTR window with the engine's own words, naming the field", () => {
    const check = checkStepInputs({ view, stepId: ptr.id, fields, values: { restorePoint: { time: "2026-07-24 12:58", zone: "uk" }, newServer: "s189t01-aytq-ts-pg-ptr" }, now });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.fieldErrors.restorePoint).toMatch(/too recent.*at least 5 minutes ago/);
  });

  it("asks for a missing required field in GOV.UK words, and refuses a copy name from another environment", () => {
    const check = checkStepInputs({ view, stepId: ptr.id, fields, values: { restorePoint: { time: "", zone: "uk" }, newServer: "s189p01-aytq-pd-pg-ptr" }, now });
    expect(check).toMatchObject({ ok: false, fieldErrors: { restorePoint: "Enter the restore point", newServer: expect.stringMatching(/must start with s189t01-aytq-ts-pg-/) } });
  });

  it("accepts good inputs and says what the engine would send with them", () => {
    const check = checkStepInputs({ view, stepId: ptr.id, fields, values: { restorePoint: { time: "2026-07-24 09:00", zone: "uk" }, newServer: "s189t01-aytq-ts-pg-ptr" }, now });
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.inputs).toEqual({ restorePoint: { time: "2026-07-24 09:00", zone: "uk" }, newServer: "s189t01-aytq-ts-pg-ptr" });
      expect(check.operation?.actions.join(" ")).toContain("restore-time = 2026-07-24T08:00:00");
      expect(check.operation?.actions.join(" ")).toContain("new-db-server = s189t01-aytq-ts-pg-ptr");
    }
  });
});

describe("timeline sentences", () => {
  const base: LiveEvent = { id: "1", occurredAt: "", occurredAtText: "", actor: { id: "a", name: "Ada Lead", role: "lead" }, action: "", outcome: "ok", incidentId: "i", stepId: "stop-service", operationId: null, inputs: null, detail: null };
  const say = (patch: Partial<LiveEvent>) => describeLiveEvent({ event: { ...base, ...patch }, stepTitles: { "stop-service": "Stop the service" } });
  it("say who did what to which step", () => {
    expect(say({ action: "step.started" })).toBe("Ada Lead started “Stop the service”.");
    expect(say({ action: "step.retried", detail: { attempt: 2 } })).toBe("Ada Lead ran “Stop the service” again (attempt 2).");
    expect(say({ action: "step.failed", detail: { error: "Kubernetes said no" } })).toBe("“Stop the service” failed: Kubernetes said no.");
    expect(say({ action: "note.recorded", stepId: null, inputs: { text: "Comms sent" } })).toBe("Ada Lead added a note: Comms sent");
    expect(say({ action: "step.confirmed", detail: { note: "Slack channel #inc-1" } })).toBe("Ada Lead confirmed “Stop the service” is done: Slack channel #inc-1.");
    expect(say({ action: "something.new" })).toBe("Ada Lead: something.new on “Stop the service”.");
  });
});
