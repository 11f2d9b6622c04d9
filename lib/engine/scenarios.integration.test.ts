import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { getEnvironment } from "../catalogue/catalogue";
import { serverResourceId } from "../catalogue/catalogue";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { db } from "../db";
import { ConflictError, ForbiddenError, PreconditionFailedError, ValidationError } from "../errors";
import { chooseBranch } from "../incidents/choose-branch";
import { closeIncident } from "../incidents/close-incident";
import { createIncident } from "../incidents/create-incident";
import { getIncident } from "../incidents/get-incident";
import { approveStep } from "./approve-step";
import { confirmStep } from "./confirm-step";
import { retryStep } from "./retry-step";
import { skipStep } from "./skip-step";
import { startStep } from "./start-step";
import { alice, bob, carol, startTestEngine, waitForStep, type TestEngine } from "./testing/engine-harness";

let harness: TestEngine;
const test = getEnvironment("aytq", "test");

beforeAll(async () => {
  harness = await startTestEngine({
    world: (w) => {
      w.diagnosticSettings[serverResourceId(test)] = [{ id: "diag-1", name: `${test.postgres.server}-diagnotics` }];
    },
  });
});
afterAll(async () => {
  await harness.stop();
});

async function run(incidentId: string, stepId: string, inputs: unknown = {}) {
  await startStep({ actor: alice, incidentId, stepId, inputs });
  return waitForStep({ incidentId, stepId });
}

function stateOf(view: Awaited<ReturnType<typeof getIncident>>, stepId: string) {
  return view.steps.find((s) => s.id === stepId)!.state;
}

describe("Scenario 2 (loss of data), a drill in test, driven through the engine", () => {
  it("runs every step, each verified against the doubles' state, every operation sent once", async () => {
    const opened = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "test", mode: "drill" } });
    const id = opened.id;
    expect(opened.steps.map((s) => s.id)).toContain("dr-test-post-scenario");
    expect(stateOf(opened, "stop-service")).toBe("ready");
    expect(stateOf(opened, "restore-point-in-time")).toBe("pending");
    expect(opened.warnings).toEqual([]);

    const stopped = await run(id, "stop-service");
    expect(stopped.state).toBe("succeeded");
    expect(stopped.outputs).toMatchObject({ previous: { [test.kubernetes.web.name]: 1, [test.kubernetes.worker.name]: 1 } });
    expect(harness.world().deployments[`tra-test/${test.kubernetes.web.name}`]!.replicas).toBe(0);

    await confirmStep({ actor: carol, incidentId: id, stepId: "start-incident-process", note: "Slack channel #inc-aytq-drill" });
    expect((await run(id, "freeze-pipeline")).outputs).toMatchObject({ previous: 1, count: 6 });
    expect(harness.world().approvals["DFE-Digital/access-your-teaching-qualifications@main"]).toBe(6);

    expect((await run(id, "backup-flawed-database", { backupFile: "aytq_ts_flawed_drill" })).state).toBe("succeeded");

    const ukTime = DateTime.utc().minus({ hours: 1 }).setZone("Europe/London").toFormat("yyyy-MM-dd'T'HH:mm:ss");
    const ptr = await run(id, "restore-point-in-time", { restorePoint: { time: ukTime, zone: "uk" } });
    expect(ptr.state).toBe("succeeded");
    expect(harness.world().servers[`${test.postgres.server}-ptr`]?.state).toBe("Ready");
    const incident = await db().incident.findUniqueOrThrow({ where: { id } });
    expect(incident.restorePoint?.toISOString().slice(0, 19)).toBe(DateTime.fromISO(ukTime, { zone: "Europe/London" }).toUTC().toISO()!.slice(0, 19));

    await confirmStep({ actor: alice, incidentId: id, stepId: "validate-data", inputs: { findings: "Row counts of the dropped table match the morning's." } });
    const upload = await run(id, "upload-restored-database");
    expect(upload.inputs).toMatchObject({ server: `${test.postgres.server}-ptr` });
    const restore = await run(id, "restore-into-live");
    expect(restore.inputs).toMatchObject({ backupFile: `${(upload.inputs as { backupFile: string }).backupFile}.sql.gz` });
    const restart = await run(id, "restart-applications");
    expect(restart.inputs).toEqual({ webReplicas: 1, workerReplicas: 1 });
    expect((await run(id, "validate-app")).state).toBe("succeeded");
    expect((await run(id, "unfreeze-pipeline")).inputs).toEqual({ count: 1 });
    expect(harness.world().approvals["DFE-Digital/access-your-teaching-qualifications@main"]).toBe(1);
    expect((await run(id, "tidy-up")).state).toBe("succeeded");
    expect(harness.world().servers[`${test.postgres.server}-ptr`]).toBeUndefined();
    await confirmStep({ actor: alice, incidentId: id, stepId: "dr-test-post-scenario" });
    await confirmStep({ actor: alice, incidentId: id, stepId: "post-dr-review" });
    await closeIncident({ actor: alice, incidentId: id, status: "resolved" });

    const view = await getIncident({ incidentId: id });
    expect(view.steps.every((s) => s.state === "succeeded")).toBe(true);
    expect(view.status).toBe("resolved");
    const operations = await db().operation.findMany({ where: { incidentId: id } });
    expect(operations.every((o) => o.status === "succeeded")).toBe(true);
    for (const op of operations.filter((o) => harness.world().sendCalls[o.idempotencyKey] !== undefined)) {
      expect(harness.world().sendCalls[op.idempotencyKey]).toBe(1);
    }
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});

describe("Scenario 1 (loss of database server): option 1 fails, option 2 with a reason", () => {
  it("follows option 1, refuses option 2 steps until chosen, then completes through option 2", async () => {
    harness.update((w) => {
      delete w.servers[test.postgres.server];
      w.deletions[serverResourceId(test)] = { deletedAt: DateTime.utc().minus({ hours: 2 }).toISO()! };
      w.workflowEndings["postgres-recover-deleted-db.yml"] = "failure";
      w.blobs["s189t01aytqdbbkptssa/database-backup"] = [
        { name: "aytq_ts_2026-11-24.sql.gz", createdAt: DateTime.utc().minus({ days: 2 }).toISO()!, sizeBytes: 1000 },
        { name: "aytq_ts_2026-11-25.sql.gz", createdAt: DateTime.utc().minus({ hours: 20 }).toISO()!, sizeBytes: 1100 },
      ];
    });
    const { id } = await createIncident({ actor: alice, input: { scenario: "loss-of-database-server", environment: "test", mode: "incident" } });
    await run(id, "freeze-pipeline");
    const found = await run(id, "find-server-deletion");
    expect(found.outputs).toMatchObject({ deletedAt: expect.any(String), suggestedRestorePoint: expect.any(String) });
    const revive = await run(id, "revive-server");
    expect(revive.state).toBe("failed");
    expect(revive.error).toMatch(/ended "failure"/);
    expect(revive.inputs).toMatchObject({ deletedServer: test.postgres.server, restorePoint: { zone: "utc" } });

    await expect(startStep({ actor: alice, incidentId: id, stepId: "delete-diagnostic-settings" })).rejects.toThrow(/belongs to Option 2/);
    await expect(chooseBranch({ actor: alice, incidentId: id, branch: "option-2", reason: "" })).rejects.toBeInstanceOf(ValidationError);
    await expect(chooseBranch({ actor: carol, incidentId: id, branch: "option-2", reason: "revive failed" })).rejects.toBeInstanceOf(ForbiddenError);
    const chosen = await chooseBranch({ actor: alice, incidentId: id, branch: "option-2", reason: "The revive workflow failed twice." });
    expect(chosen.skipped).toEqual(["revive-server"]);

    expect((await run(id, "delete-diagnostic-settings")).outputs).toMatchObject({ deleted: [`${test.postgres.server}-diagnotics`] });
    await expect(startStep({ actor: alice, incidentId: id, stepId: "recreate-server" })).rejects.toThrow(/imageTag/);
    expect((await run(id, "recreate-server", { imageTag: "3f2a9c1" })).state).toBe("succeeded");
    const backups = await run(id, "find-latest-backup");
    expect(backups.outputs).toMatchObject({ newest: { name: "aytq_ts_2026-11-25.sql.gz", ageText: expect.stringMatching(/20 h/) } });
    const restore = await run(id, "restore-from-storage");
    expect(restore.inputs).toEqual({ backupFile: "aytq_ts_2026-11-25.sql.gz" });
    expect((await run(id, "restart-applications")).state).toBe("succeeded");
    expect((await run(id, "validate-app")).state).toBe("succeeded");

    const view = await getIncident({ incidentId: id });
    expect(view.branch).toBe("option-2");
    expect(view.notes.some((n) => n.kind === "decision" && n.text.includes("The revive workflow failed twice."))).toBe(true);
    expect(view.steps.find((s) => s.id === "revive-server")!.attempts).toHaveLength(1);
    expect(stateOf(view, "unfreeze-pipeline")).toBe("ready");
    expect(view.steps.some((s) => s.id === "dr-test-post-scenario")).toBe(false);
  });
});

describe("production: typed confirmation and a second person's approval bound to the inputs", () => {
  it("asks for confirmation, refuses the requester and a changed request, runs on a valid approval", async () => {
    const production = getEnvironment("aytq", "production");
    harness.update((w) => {
      for (const d of [production.kubernetes.web, production.kubernetes.worker]) {
        const n = d.normalReplicas;
        w.deployments[`tra-production/${d.name}`] = { namespace: "tra-production", name: d.name, replicas: n, totalReplicas: n, readyReplicas: n, availableReplicas: n, updatedReplicas: n, generation: 1, observedGeneration: 1, stalled: null };
      }
    });
    const { id } = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "production", mode: "incident" } });
    await expect(startStep({ actor: alice, incidentId: id, stepId: "stop-service" })).rejects.toThrow(/type "production" to confirm/);
    const first = await startStep({ actor: alice, incidentId: id, stepId: "stop-service", confirmation: "production" });
    expect(first).toMatchObject({ state: "awaiting_approval", attempt: 1, operationId: null });
    await expect(startStep({ actor: bob, incidentId: id, stepId: "stop-service", confirmation: "production" })).resolves.toMatchObject({ attempt: 2 });

    const view = await getIncident({ incidentId: id });
    const step = view.steps.find((s) => s.id === "stop-service")!;
    expect(step.needsApproval).toBe(true);
    expect(step.approval?.requestedBy.id).toBe("bob");
    expect(step.attempts.map((a) => a.state)).toEqual(["voided", "awaiting_approval"]);

    await expect(approveStep({ actor: bob, incidentId: id, stepId: "stop-service", inputsHash: step.approval!.inputsHash })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(approveStep({ actor: carol, incidentId: id, stepId: "stop-service", inputsHash: step.approval!.inputsHash })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(approveStep({ actor: alice, incidentId: id, stepId: "stop-service", inputsHash: "0".repeat(64) })).rejects.toThrow(/inputs changed/);
    const approved = await approveStep({ actor: alice, incidentId: id, stepId: "stop-service", inputsHash: step.approval!.inputsHash });
    expect(approved).toMatchObject({ state: "running", attempt: 2 });
    expect((await waitForStep({ incidentId: id, stepId: "stop-service" })).state).toBe("succeeded");
    const attempt = await db().stepAttempt.findFirstOrThrow({ where: { number: 2, stepRun: { incidentId: id, stepId: "stop-service" } } });
    expect(attempt).toMatchObject({ requestedById: "bob", approvedById: "alice", state: "succeeded" });
    await expect(approveStep({ actor: alice, incidentId: id, stepId: "stop-service", inputsHash: step.approval!.inputsHash })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("bad input, skipping, retrying and doing a step by hand", () => {
  it("refuses bad inputs with clear messages and changes nothing", async () => {
    const { id } = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "test", mode: "drill" } });
    await run(id, "stop-service");
    await run(id, "freeze-pipeline");
    const before = await db().auditEvent.count();
    await expect(startStep({ actor: alice, incidentId: id, stepId: "restore-point-in-time", inputs: { restorePoint: DateTime.utc().toISO() } })).rejects.toThrow(/too recent/);
    await expect(startStep({ actor: alice, incidentId: id, stepId: "restore-point-in-time", inputs: { restorePoint: { time: "2026-03-29T01:30", zone: "uk" } } })).rejects.toThrow(/does not exist in UK time/);
    await expect(startStep({ actor: alice, incidentId: id, stepId: "restore-point-in-time", inputs: { restorePoint: "2026-11-20T10:00" } })).rejects.toThrow(/say whether/);
    await expect(
      startStep({ actor: alice, incidentId: id, stepId: "restore-point-in-time", inputs: { restorePoint: { time: DateTime.utc().minus({ hours: 1 }).toISO(), zone: "utc" }, newServer: "s189p01-aytq-pd-pg-ptr" } }),
    ).rejects.toThrow(/must start with s189t01-aytq-ts-pg-/);
    await expect(startStep({ actor: alice, incidentId: id, stepId: "no-such-step" })).rejects.toThrow(/has no step "no-such-step"/);
    await expect(startStep({ actor: alice, incidentId: id, stepId: "validate-data" })).rejects.toThrow(/decision step/);
    await expect(skipStep({ actor: alice, incidentId: id, stepId: "restore-point-in-time", reason: "not needed" })).rejects.toThrow(/is required/);
    await expect(skipStep({ actor: alice, incidentId: id, stepId: "backup-flawed-database", reason: " " })).rejects.toBeInstanceOf(ValidationError);
    await expect(startStep({ actor: { ...alice, role: "viewer" }, incidentId: id, stepId: "restore-point-in-time" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().auditEvent.count()).toBe(before);
    expect(await db().operation.count({ where: { incidentId: id, stepRun: { stepId: "restore-point-in-time" } } })).toBe(0);

    const skipped = await skipStep({ actor: carol, incidentId: id, stepId: "backup-flawed-database", reason: "Nobody wrote since the corruption." });
    expect(skipped.state).toBe("skipped");
  });

  it("keeps every attempt: a failed step retried by a person, and a step done by hand verified by the engine", async () => {
    const { id } = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "test", mode: "drill" } });
    harness.update((w) => {
      w.failNext["github.setRequiredApprovals"] = { count: 1, retryable: false, message: "Resource not accessible by integration" };
    });
    const failed = await run(id, "freeze-pipeline");
    expect(failed.state).toBe("failed");
    expect(failed.error).toMatch(/Resource not accessible by integration/);
    const retried = await retryStep({ actor: carol, incidentId: id, stepId: "freeze-pipeline" });
    expect(retried.attempt).toBe(2);
    expect((await waitForStep({ incidentId: id, stepId: "freeze-pipeline" })).state).toBe("succeeded");

    harness.update((w) => {
      w.failNext["kubernetes.scaleDeployment"] = { count: 1, retryable: true };
    });
    expect((await run(id, "stop-service")).state).toBe("succeeded");

    const unfreeze = await db().stepRun.findUniqueOrThrow({ where: { incidentId_stepId: { incidentId: id, stepId: "unfreeze-pipeline" } } });
    expect(unfreeze.state).toBe("pending");
    await expect(confirmStep({ actor: alice, incidentId: id, stepId: "find-latest-backup" })).rejects.toThrow(/no step/);

    const { id: other } = await createIncident({ actor: alice, input: { scenario: "loss-of-database-server", environment: "test", mode: "drill" } });
    await expect(confirmStep({ actor: alice, incidentId: other, stepId: "find-server-deletion" })).rejects.toBeInstanceOf(PreconditionFailedError);
    harness.update((w) => {
      w.approvals["DFE-Digital/access-your-teaching-qualifications@main"] = 6;
    });
    const byHand = await confirmStep({ actor: carol, incidentId: other, stepId: "freeze-pipeline", note: "Set to 6 in GitHub settings: the API was down." });
    expect(byHand).toMatchObject({ state: "running", attempt: 1 });
    const confirmed = await waitForStep({ incidentId: other, stepId: "freeze-pipeline" });
    expect(confirmed.state).toBe("succeeded");
    expect(confirmed.outputs).toMatchObject({ verification: expect.stringMatching(/requires 6 approving/) });
    const attempts = await db().stepAttempt.findMany({ where: { stepRun: { incidentId: other, stepId: "freeze-pipeline" } } });
    expect(attempts).toMatchObject([{ manual: true, state: "succeeded" }]);
  });

  it("says before anyone starts which steps cannot run in preprod (no backup storage)", async () => {
    const opened = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "preprod", mode: "drill" } });
    expect(opened.warnings.join("\n")).toMatch(/Upload the restored database to Azure storage: preproduction has no backup storage account/);
    expect(opened.steps.find((s) => s.id === "restore-into-live")!.blockedBy).toHaveLength(1);
    await expect(startStep({ actor: alice, incidentId: opened.id, stepId: "upload-restored-database" })).rejects.toBeInstanceOf(PreconditionFailedError);
    const second = await createIncident({ actor: alice, input: { scenario: "loss-of-database-server", environment: "preprod", mode: "drill" } });
    expect(second.warnings[0]).toMatch(/Another incident is open on preproduction/);
  });
});
