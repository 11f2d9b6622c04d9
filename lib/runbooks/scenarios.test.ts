import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { getEnvironment, getService } from "../catalogue/catalogue";
import type { OperationRequest } from "./operation-requests";
import { scenarios, getScenario } from "./scenarios";
import type { StepContext } from "./types";

const service = getService("aytq");
function context(environment: string, steps: StepContext["steps"] = {}, now = new Date("2026-07-24T12:00:00Z")): StepContext {
  return { service, environment: getEnvironment("aytq", environment), incident: { id: "i", mode: "drill", detectedAt: now, branch: "option-1" }, steps, now };
}
const step = (scenario: string, id: string) => getScenario(scenario).steps.find((s) => s.id === id)!;

describe("scenario definitions", () => {
  it("are complete: unique ids, known dependencies, guidance, and for automated steps an operation, verification and manual fallback", () => {
    for (const scenario of scenarios) {
      const ids = scenario.steps.map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const s of scenario.steps) {
        expect(s.guidance.length, s.id).toBeGreaterThan(0);
        for (const dep of s.after) expect(ids, `${s.id} after ${dep}`).toContain(dep);
        if (s.kind === "operation" || s.kind === "verification") {
          expect(s.operation, s.id).toBeDefined();
          expect(s.fallback, s.id).toBeDefined();
          expect(s.verifiedBy, s.id).toBeTruthy();
        }
        if (s.branch) expect(scenario.branches.map((b) => b.id)).toContain(s.branch);
      }
    }
  });

  it("fill inputs from the catalogue and earlier steps (restart puts back the replicas recorded when stopping)", () => {
    const restart = step("loss-of-data", "restart-applications");
    const ctx = context("production", {
      "stop-service": { state: "succeeded", inputs: {}, outputs: { previous: { "access-your-teaching-qualifications-production": 3 } } },
    });
    expect(restart.inputs(ctx).parse({})).toEqual({ webReplicas: 3, workerReplicas: 1 });
    expect(step("loss-of-data", "restore-point-in-time").inputs(context("test")).parse({ restorePoint: "2026-07-24T10:00:00Z" })).toMatchObject({
      newServer: "s189t01-aytq-ts-pg-ptr",
      restorePoint: { utc: "2026-07-24T10:00:00Z", zone: "utc" },
    });
  });

  it("proposes the revive restore point as deletion + 10 minutes, and checks the revive window", () => {
    const revive = step("loss-of-database-server", "revive-server");
    const ctx = context("test", { "find-server-deletion": { state: "succeeded", inputs: {}, outputs: { deletedAt: "2026-07-24T09:00:00Z" } } });
    expect(revive.inputs(ctx).parse({})).toMatchObject({ restorePoint: { utc: "2026-07-24T09:10:00Z" }, deletedAt: { utc: "2026-07-24T09:00:00Z" } });
    const tooEarly = revive.inputs(ctx).safeParse({ restorePoint: { time: "2026-07-24T10:05", zone: "uk" } });
    expect(tooEarly.success).toBe(false);
    expect(tooEarly.error!.issues[0]!.message).toMatch(/at least 10 minutes after the deletion/);
    const operation = revive.operation!(ctx, revive.inputs(ctx).parse({ restorePoint: { time: "2026-07-24T11:00", zone: "uk" } })) as Extract<OperationRequest, { kind: "github.dispatch-workflow" }>;
    expect(operation.inputs).toEqual({ environment: "test", "confirm-production": "false", "restore-time": "2026-07-24T10:00:00", "deleted-server": "s189t01-aytq-ts-pg" });
  });

  it("send production workflows with confirm-production true and the real input names", () => {
    const ctx = context("production");
    const ptr = step("loss-of-data", "restore-point-in-time");
    const op = ptr.operation!(ctx, ptr.inputs(ctx).parse({ restorePoint: "2026-07-24T08:00:00Z" })) as Extract<OperationRequest, { kind: "github.dispatch-workflow" }>;
    expect(op).toMatchObject({
      workflowFile: "database-restore-ptr.yml",
      inputs: { environment: "production", "confirm-production": "true", "restore-time": "2026-07-24T08:00:00", "new-db-server": "s189p01-aytq-pd-pg-ptr" },
      precheck: { kind: "server-absent", server: { server: "s189p01-aytq-pd-pg-ptr", resourceGroup: "s189p01-aytq-pd-rg" } },
    });
  });

  it("give the exact manual way with this environment's names", () => {
    const ctx = context("production");
    const stop = step("loss-of-data", "stop-service").fallback!(ctx, null);
    expect(stop.commands).toEqual([
      "az account set --subscription s189-teacher-services-cloud-production",
      "az aks get-credentials --resource-group s189p01-tsc-pd-rg --name s189p01-tsc-production-aks",
      "kubectl -n tra-production get deployments",
      "kubectl -n tra-production scale deployment access-your-teaching-qualifications-production --replicas 0",
      "kubectl -n tra-production scale deployment access-your-teaching-qualifications-production-worker --replicas 0",
    ]);
    const restore = step("loss-of-data", "restore-into-live").fallback!(ctx, { backupFile: "aytq_pd_ptr_x.sql.gz" });
    expect(restore.workflow).toEqual({
      title: "Restore database from Azure storage",
      url: "https://github.com/DFE-Digital/access-your-teaching-qualifications/actions/workflows/database-restore.yml",
      inputs: { environment: "production", "confirm-production": "true", "backup-file": "aytq_pd_ptr_x.sql.gz" },
    });
    const diag = step("loss-of-database-server", "delete-diagnostic-settings").fallback!(ctx, null);
    expect(diag.portal?.path).toContain("s189p01-aytq-pd-pg-diagnotics");
    const konduit = step("loss-of-data", "validate-data").fallback!(context("test", { "restore-point-in-time": { state: "succeeded", inputs: { newServer: "s189t01-aytq-ts-pg-ptr2" }, outputs: {} } }), null);
    expect(konduit.commands).toContain("bin/konduit.sh -x -n tra-test -s s189t01-aytq-ts-pg-ptr2 access-your-teaching-qualifications-test -- psql");
  });

  it("refuse inputs that would touch another environment or the wrong file", () => {
    const ctx = context("test");
    expect(step("loss-of-database-server", "revive-server").inputs(ctx).safeParse({ deletedServer: "s189p01-aytq-pd-pg", deletedAt: "2026-07-24T09:00:00Z", restorePoint: "2026-07-24T09:30:00Z" }).error!.issues[0]!.message).toMatch(/another environment/);
    expect(step("loss-of-data", "restore-into-live").inputs(ctx).safeParse({ backupFile: "aytq_ts_ptr" }).error!.issues[0]!.message).toMatch(/must end with \.sql\.gz/);
    expect(step("loss-of-data", "upload-restored-database").inputs(ctx).safeParse({ backupFile: "x.sql.gz" }).error!.issues[0]!.message).toMatch(/Leave out \.sql\.gz/);
    const tidy = step("loss-of-data", "tidy-up").inputs(context("test", { "restore-point-in-time": { state: "succeeded", inputs: { newServer: "s189t01-aytq-ts-pg-ptr" }, outputs: {} } }));
    expect(tidy.parse({})).toEqual({ server: "s189t01-aytq-ts-pg-ptr" });
    expect(tidy.safeParse({ server: "s189t01-aytq-ts-pg" }).error!.issues[0]!.message).toMatch(/Only the PTR copy made by this incident/);
  });

  it("say up front that preprod has no backup storage", () => {
    const preprod = getEnvironment("aytq", "preprod");
    const blocked = scenarios.flatMap((s) => s.steps).filter((s) => s.preconditions.some((p) => p.check({ service, environment: preprod })));
    expect([...new Set(blocked.map((s) => s.id))].sort()).toEqual(["backup-flawed-database", "find-latest-backup", "restore-from-storage", "restore-into-live", "upload-restored-database"]);
    expect(blocked[0]!.preconditions[0]!.check({ service, environment: getEnvironment("aytq", "test") })).toBeNull();
  });

  it("keep drill-only steps out of incidents", () => {
    for (const scenario of scenarios) expect(scenario.steps.find((s) => s.id === "dr-test-post-scenario")?.modes).toEqual(["drill"]);
  });

  it("describe the window edge in both clocks", () => {
    const ptr = step("loss-of-data", "restore-point-in-time").inputs(context("test"));
    const recent = ptr.safeParse({ restorePoint: DateTime.fromISO("2026-07-24T11:58:00Z").toISO() });
    expect(recent.error!.issues[0]!.message).toMatch(/too recent.*UTC \(.*BST, UK time\)/);
  });
});
