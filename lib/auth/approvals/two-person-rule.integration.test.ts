import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "../../config/env";
import { db } from "../../db";
import { approveStep } from "../../engine/approve-step";
import { skipStep } from "../../engine/skip-step";
import { startStep } from "../../engine/start-step";
import { alice, bob, carol, startTestEngine, waitForStep, type TestEngine } from "../../engine/testing/engine-harness";
import { ConflictError, ForbiddenError, ValidationError } from "../../errors";
import { createIncident } from "../../incidents/create-incident";
import { getIncident } from "../../incidents/get-incident";

/** The two-person rule on the real engine and database: requester refused, inputs bound, expiry, drill switch. */

let harness: TestEngine;
beforeAll(async () => {
  harness = await startTestEngine();
});
afterAll(async () => {
  await harness.stop();
});
const changedEnv = new Set<string>();
function setEnv(values: Record<string, string>) {
  for (const [k, v] of Object.entries(values)) {
    process.env[k] = v;
    changedEnv.add(k);
  }
  resetEnvCache();
}
afterEach(() => {
  for (const k of changedEnv) delete process.env[k];
  changedEnv.clear();
  resetEnvCache();
});

/** A production incident of Scenario 1 with the revive step ready: it takes inputs, so inputs can change. */
async function reviveReady(): Promise<string> {
  const { id } = await createIncident({ actor: alice, input: { scenario: "loss-of-database-server", environment: "production", mode: "incident" } });
  await startStep({ actor: alice, incidentId: id, stepId: "freeze-pipeline" });
  await waitForStep({ incidentId: id, stepId: "freeze-pipeline" });
  await skipStep({ actor: alice, incidentId: id, stepId: "find-server-deletion", reason: "Deletion time read from the portal." });
  return id;
}
const reviveInputs = (hoursAgo: number) => ({ deletedAt: new Date(Date.now() - 3 * 3600_000).toISOString(), restorePoint: new Date(Date.now() - hoursAgo * 3600_000).toISOString() });
const pendingHash = async (incidentId: string, stepId: string) => (await getIncident({ incidentId })).steps.find((s) => s.id === stepId)!.approval!.inputsHash;
const refusals = (incidentId: string) =>
  db().auditEvent.findMany({ where: { incidentId, action: "step.approval_refused" }, orderBy: { id: "asc" }, select: { actorId: true, outcome: true, detail: true } });

describe("two-person rule", () => {
  it("refuses a responder's request and the requester's own approval, and audits the refusal", async () => {
    const id = await reviveReady();
    await expect(startStep({ actor: carol, incidentId: id, stepId: "revive-server", inputs: reviveInputs(2), confirmation: "production" })).rejects.toThrow(/only an incident lead or an admin can ask for it to run/);
    await expect(startStep({ actor: alice, incidentId: id, stepId: "revive-server", inputs: reviveInputs(2) })).rejects.toBeInstanceOf(ValidationError);
    expect(await startStep({ actor: alice, incidentId: id, stepId: "revive-server", inputs: reviveInputs(2), confirmation: "production" })).toMatchObject({ state: "awaiting_approval" });
    const hash = await pendingHash(id, "revive-server");

    const own = approveStep({ actor: alice, incidentId: id, stepId: "revive-server", inputsHash: hash });
    await expect(own).rejects.toBeInstanceOf(ForbiddenError);
    await expect(own).rejects.toThrow(/a second incident lead must approve it/);
    await expect(approveStep({ actor: carol, incidentId: id, stepId: "revive-server", inputsHash: hash })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await refusals(id)).toEqual([{ actorId: "alice", outcome: "refused", detail: expect.objectContaining({ reason: "requester", attempt: 1 }) }]);
    expect((await db().stepRun.findFirstOrThrow({ where: { incidentId: id, stepId: "revive-server" } })).state).toBe("awaiting_approval");

    expect(await approveStep({ actor: bob, incidentId: id, stepId: "revive-server", inputsHash: hash })).toMatchObject({ state: "running" });
    const approved = await db().auditEvent.findFirstOrThrow({ where: { incidentId: id, action: "step.approved" } });
    expect(approved).toMatchObject({ actorId: "bob", detail: expect.objectContaining({ inputsHash: hash, requestedBy: { id: "alice", name: "Alice Lead" } }) });
  });

  it("voids an approval when an input changes: the old hash is refused, the new request needs its own approval", async () => {
    const id = await reviveReady();
    await startStep({ actor: alice, incidentId: id, stepId: "revive-server", inputs: reviveInputs(2), confirmation: "production" });
    const first = await pendingHash(id, "revive-server");
    await startStep({ actor: alice, incidentId: id, stepId: "revive-server", inputs: reviveInputs(1), confirmation: "production" });
    const second = await pendingHash(id, "revive-server");
    expect(second).not.toBe(first);

    const stale = approveStep({ actor: bob, incidentId: id, stepId: "revive-server", inputsHash: first });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({ reason: "inputs_changed" });
    const attempts = await db().stepAttempt.findMany({ where: { stepRun: { incidentId: id, stepId: "revive-server" } }, orderBy: { number: "asc" } });
    expect(attempts.map((a) => [a.state, a.inputsHash === first])).toEqual([["voided", true], ["awaiting_approval", false]]);
    expect((await refusals(id)).map((r) => (r.detail as { reason: string }).reason)).toEqual(["inputs_changed"]);

    expect(await approveStep({ actor: bob, incidentId: id, stepId: "revive-server", inputsHash: second })).toMatchObject({ state: "running", attempt: 2 });
  });

  it("refuses an expired request (15 minutes by default, configurable), says so and audits it", async () => {
    const id = await reviveReady();
    await startStep({ actor: alice, incidentId: id, stepId: "revive-server", inputs: reviveInputs(2), confirmation: "production" });
    const hash = await pendingHash(id, "revive-server");
    await db().stepAttempt.updateMany({ where: { state: "awaiting_approval", stepRun: { incidentId: id } }, data: { requestedAt: new Date(Date.now() - 16 * 60_000) } });

    const view = (await getIncident({ incidentId: id })).steps.find((s) => s.id === "revive-server")!;
    expect(view.approval).toMatchObject({ expired: true, expiresAt: { text: expect.stringMatching(/UTC \(.*UK time\)/) } });
    const late = approveStep({ actor: bob, incidentId: id, stepId: "revive-server", inputsHash: hash });
    await expect(late).rejects.toMatchObject({ reason: "approval_expired" });
    await expect(late).rejects.toThrow(/expired at .* within 15 minutes/);
    expect(await refusals(id)).toEqual([{ actorId: "bob", outcome: "refused", detail: expect.objectContaining({ reason: "expired" }) }]);
    expect(await db().operation.count({ where: { incidentId: id, stepRun: { stepId: "revive-server" } } })).toBe(0);

    setEnv({ APPROVAL_TTL_MINUTES: "30" });
    expect(await approveStep({ actor: bob, incidentId: id, stepId: "revive-server", inputsHash: hash })).toMatchObject({ state: "running" });
  });

  it("applies to listed environments, and drills outside production can switch approvals off; production never", async () => {
    setEnv({ DR_TWO_PERSON_ENVIRONMENTS: "production,test" });
    const { id: drill } = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "test", mode: "drill" } });
    await expect(startStep({ actor: carol, incidentId: drill, stepId: "stop-service", confirmation: "test" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(startStep({ actor: alice, incidentId: drill, stepId: "stop-service" })).rejects.toThrow(/type "test" to confirm/);
    expect(await startStep({ actor: alice, incidentId: drill, stepId: "stop-service", confirmation: "test" })).toMatchObject({ state: "awaiting_approval" });

    setEnv({ DR_TWO_PERSON_ENVIRONMENTS: "production,test", DR_DRILL_APPROVALS: "off" });
    const { id: offDrill } = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "test", mode: "drill" } });
    expect((await getIncident({ incidentId: offDrill })).steps.find((s) => s.id === "stop-service")!.needsApproval).toBe(false);
    expect(await startStep({ actor: carol, incidentId: offDrill, stepId: "stop-service" })).toMatchObject({ state: "running" });
    await waitForStep({ incidentId: offDrill, stepId: "stop-service" });

    const { id: testIncident } = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "test", mode: "incident" } });
    expect(await startStep({ actor: alice, incidentId: testIncident, stepId: "stop-service", confirmation: "test" })).toMatchObject({ state: "awaiting_approval" });
    const { id: productionDrill } = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "production", mode: "drill" } });
    expect(await startStep({ actor: alice, incidentId: productionDrill, stepId: "stop-service", confirmation: "production" })).toMatchObject({ state: "awaiting_approval" });
  });
});
