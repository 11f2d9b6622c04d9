import { describe, expect, it } from "vitest";
import type { AttemptView, IncidentView, StepView } from "../incidents/incident-view";
import { measureDataLoss } from "./measure-data-loss";
import { measureTimes } from "./measure-times";
import type { ReportOperationRecord } from "./report-records";

/** Just enough of an incident view for the measurements: steps with their state, inputs, outputs and attempts. */
const t = (utc: string) => ({ utc, text: utc });
function stepOf(id: string, state: StepView["state"], extra: Partial<StepView> = {}): StepView {
  const attempts: AttemptView[] = state === "succeeded"
    ? [{ number: 1, state: "succeeded", manual: false, inputs: extra.inputs ?? {}, inputsHash: "", requestedBy: { id: "a", name: "A" }, requestedAt: extra.startedAt ?? t("2026-03-29T00:00:00.000Z"), approvedBy: null, startedAt: extra.startedAt ?? null, finishedAt: extra.finishedAt ?? null, outputs: extra.outputs ?? null, error: null }]
    : [];
  return { id, title: id, state, inputs: null, outputs: null, attempts, finishedAt: null, startedAt: null, branch: null, onFollowedBranch: true, ...extra } as StepView;
}
function viewOf(steps: StepView[], extra: Partial<IncidentView> = {}): IncidentView {
  return { detectedAt: t("2026-03-29T00:40:00.000Z"), closedAt: null, status: "open", restorePoint: null, branches: [], steps, ...extra } as IncidentView;
}
const op = (stepId: string, finishedAt: string, outputs: unknown = {}): ReportOperationRecord => ({
  id: `op-${stepId}`, stepId, attemptNumber: 1, system: "x", kind: "k", status: "succeeded", externalId: null, externalUrl: null, sendAttempts: 1,
  createdAt: new Date(finishedAt), sendStartedAt: null, finishedAt: new Date(finishedAt), error: null, request: {}, outputs,
});

describe("measured times across the spring-forward night", () => {
  it("orders milestones by time and keeps durations in real elapsed seconds, whatever the UK clock did", () => {
    // Scenario 1: deleted 00:30 UTC (00:30 GMT), detected 00:40, healthy 01:30 UTC (02:30 BST): 60 minutes, not 120.
    const view = viewOf([
      stepOf("find-server-deletion", "succeeded", { outputs: { deletedAt: "2026-03-29T00:30:00Z" }, finishedAt: t("2026-03-29T00:45:00.000Z") }),
      stepOf("revive-server", "succeeded", { inputs: { restorePoint: { utc: "2026-03-29T00:40:00Z" }, deletedAt: { utc: "2026-03-29T00:30:00Z" } }, finishedAt: t("2026-03-29T01:10:00.000Z") }),
      stepOf("validate-app", "succeeded", { finishedAt: t("2026-03-29T01:30:00.400Z") }),
    ], { closedAt: t("2026-03-29T01:45:00.000Z"), status: "resolved" });
    const times = measureTimes({ view, operations: [op("validate-app", "2026-03-29T01:30:00.900Z")] });
    expect(times.milestones.map((m) => [m.key, m.at.utc])).toEqual([
      ["service-stopped", "2026-03-29T00:30:00.000Z"],
      ["detected", "2026-03-29T00:40:00.000Z"],
      ["data-restored", "2026-03-29T01:10:00.000Z"],
      ["healthy-again", "2026-03-29T01:30:00.000Z"],
      ["closed", "2026-03-29T01:45:00.000Z"],
    ]);
    expect(times.milestones[0]!.basis).toMatch(/activity log/);
    expect(times.milestones[3]!.at.text).toBe("Sun 29 Mar 2026 01:30:00 UTC (02:30:00 BST, UK time)");
    expect(times.rto).toEqual({ seconds: 3600, text: "1 h 00 min 00 s" });
    expect(times.total!.seconds).toBe(75 * 60);
    expect(times.phases.reduce((s, p) => s + p.duration.seconds, 0)).toBe(75 * 60);

    // Revived to 10 minutes AFTER the deletion: nothing written before the deletion is lost.
    const loss = measureDataLoss({ view, operations: [], times });
    expect(loss).toMatchObject({ method: "revive-dropped-server", window: { seconds: 0 } });
    expect(loss.explanation).toMatch(/after its deletion/);
  });

  it("says what could not be measured instead of guessing", () => {
    const times = measureTimes({ view: viewOf([stepOf("stop-service", "failed")]), operations: [] });
    expect(times.milestones.map((m) => m.key)).toEqual(["detected"]);
    expect(times.missing.map((m) => m.key)).toEqual(["service-stopped", "data-restored", "healthy-again", "closed"]);
    expect(times.rto).toBeNull();
    expect(times.total).toBeNull();
  });
});

describe("the data-loss window (RPO)", () => {
  it("option 2: the age of the backup used at the deletion", () => {
    const view = viewOf([
      stepOf("find-server-deletion", "succeeded", { outputs: { deletedAt: "2026-10-25T10:00:00Z" } }),
      stepOf("find-latest-backup", "succeeded", { outputs: { newest: { name: "aytq_ts_2026-10-25.sql.gz", createdAt: "2026-10-25T04:00:00Z" }, backups: [{ name: "aytq_ts_2026-10-24.sql.gz", createdAt: "2026-10-24T04:00:00Z" }] } }),
      stepOf("restore-from-storage", "succeeded", { inputs: { backupFile: "aytq_ts_2026-10-24.sql.gz" }, finishedAt: t("2026-10-25T12:00:00.000Z") }),
    ]);
    const loss = measureDataLoss({ view, operations: [], times: measureTimes({ view, operations: [] }) });
    expect(loss).toMatchObject({ method: "backup-restore", backup: { name: "aytq_ts_2026-10-24.sql.gz", age: { seconds: 30 * 3600 } }, window: { seconds: 30 * 3600 } });
    expect(loss.restorePoint!.utc).toBe("2026-10-24T04:00:00.000Z");
  });

  it("PTR: restore point to the moment writes stopped, with the rows counted by the operation when it did", () => {
    const view = viewOf([
      stepOf("stop-service", "succeeded", { finishedAt: t("2026-07-01T10:00:00.000Z") }),
      stepOf("restore-point-in-time", "succeeded", { inputs: { restorePoint: { utc: "2026-07-01T09:15:00Z" } }, finishedAt: t("2026-07-01T10:20:00.000Z") }),
      stepOf("restore-into-live", "succeeded", { finishedAt: t("2026-07-01T11:00:00.000Z") }),
    ]);
    const operations = [op("stop-service", "2026-07-01T10:00:00.000Z"), op("restore-into-live", "2026-07-01T11:00:00.000Z", { runId: 5, dataLoss: { tables: { teachers: 12 }, rowsWrittenAfterRestorePoint: 12 } })];
    const loss = measureDataLoss({ view, operations, times: measureTimes({ view, operations }) });
    expect(loss).toMatchObject({ method: "point-in-time-restore", window: { seconds: 45 * 60, text: "45 min 00 s" }, rowsWrittenAfterRestorePoint: 12 });
    expect(loss.rowsSource).toBe("restore-into-live, operation k (outputs.dataLoss.rowsWrittenAfterRestorePoint)");
  });
});
