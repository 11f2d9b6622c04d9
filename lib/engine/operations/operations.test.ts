import { describe, expect, it } from "vitest";
import { getEnvironment, getService } from "../../catalogue/catalogue";
import { createRecordingPorts, worldFor } from "../../integrations/testing/recording-ports";
import { runVerification } from "../run-verification";
import { judgeRun } from "./github";
import { isRolledOut, restartDeployments, scaleDeployments } from "./kubernetes";

const service = getService("aytq");
const test = getEnvironment("aytq", "test");

describe("operation handlers and verifications", () => {
  it("treats a green run with a skipped job as a failure that says why", () => {
    const verdict = judgeRun({ id: 1, url: "u", status: "completed", conclusion: "success", createdAt: "", jobs: [{ name: "restore", status: "completed", conclusion: "skipped" }] });
    expect(verdict).toEqual({ ok: false, error: expect.stringMatching(/went green but did nothing.*confirm-production/) });
    expect(judgeRun({ id: 1, url: "u", status: "completed", conclusion: "failure", createdAt: "", jobs: [] })).toMatchObject({ ok: false });
    expect(judgeRun({ id: 1, url: "u", status: "completed", conclusion: "success", createdAt: "", jobs: [{ name: "x", status: "completed", conclusion: "success" }] })).toEqual({ ok: true });
  });

  it("records the replicas before scaling, once: a re-send after a crash keeps the first reading", async () => {
    const { ports, world } = createRecordingPorts({ world: worldFor(service, test), environment: test });
    const request = { kind: "kubernetes.scale" as const, deployments: [{ namespace: "tra-test", name: test.kubernetes.web.name, replicas: 0 }] };
    let saved: Record<string, unknown> = {};
    const send = () => scaleDeployments.send!({ request, ports, idempotencyKey: "k", notBefore: "2026-01-01T00:00:00Z", progress: saved, saveProgress: async (p) => { saved = { ...saved, ...p }; } });
    expect((await send()).outputs).toEqual({ previous: { [test.kubernetes.web.name]: 1 } });
    expect((await send()).outputs).toEqual({ previous: { [test.kubernetes.web.name]: 1 } });
    expect(world().deployments[`tra-test/${test.kubernetes.web.name}`]!.replicas).toBe(0);
  });

  it("fails a scale or a restart as soon as Kubernetes says the rollout missed its progress deadline, saying what to look at", async () => {
    const { ports, update } = createRecordingPorts({ world: worldFor(service, test), environment: test });
    const web = test.kubernetes.web.name;
    const key = `tra-test/${web}`;
    const scale = { kind: "kubernetes.scale" as const, deployments: [{ namespace: "tra-test", name: web, replicas: 2 }] };
    update((w) => Object.assign(w.deployments[key]!, { replicas: 2, readyReplicas: 1, availableReplicas: 1 }));
    const pollScale = () => scaleDeployments.poll!({ request: scale, ports, progress: { previous: { [web]: 1 } }, operationId: "op", externalId: null } as never);
    expect(await pollScale()).toMatchObject({ status: "running", detail: `${web}: 1/2 ready` });
    update((w) => Object.assign(w.deployments[key]!, { stalled: `ReplicaSet "${web}-7d9" has timed out progressing.` }));
    const failed = await pollScale();
    expect(failed).toEqual({ status: "failed", error: expect.stringContaining(`missed its progress deadline (${web}: ReplicaSet "${web}-7d9" has timed out progressing.)`) });
    expect(failed).toMatchObject({ error: expect.stringContaining(`kubectl -n tra-test describe deployment ${web}`) });
    expect(failed).toMatchObject({ error: expect.stringMatching(/then retry this step\.$/) });

    const restart = { kind: "kubernetes.restart" as const, deployments: [{ namespace: "tra-test", name: web }] };
    const pollRestart = () => restartDeployments.poll!({ request: restart, ports, progress: {}, operationId: "op", externalId: null } as never);
    expect(await pollRestart()).toMatchObject({ status: "failed", error: expect.stringContaining("missed its progress deadline") });
    // Once the pods are ready the old condition does not matter: a deployment that is there is not failed.
    update((w) => Object.assign(w.deployments[key]!, { readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2 }));
    expect(await pollScale()).toMatchObject({ status: "succeeded" });
    expect(await runVerification({ spec: { kind: "deployments-scaled", deployments: scale.deployments }, ports })).toMatchObject({ passed: true });
  });

  it("calls a rollout done as kubectl rollout status does: not while a pod of the old template is left", () => {
    const base = { namespace: "tra-test", name: "web", replicas: 1, generation: 3, observedGeneration: 3, stalled: null };
    // The new pod does not start; the old one is still ready: ready counts alone would say "done".
    expect(isRolledOut({ ...base, totalReplicas: 2, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 })).toBe(false);
    expect(isRolledOut({ ...base, totalReplicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 })).toBe(true);
    expect(isRolledOut({ ...base, observedGeneration: 2, totalReplicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 })).toBe(false);
    expect(isRolledOut({ ...base, totalReplicas: 1, updatedReplicas: 1, readyReplicas: 0, availableReplicas: 0 })).toBe(false);
    expect(isRolledOut({ ...base, replicas: 0, totalReplicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0 })).toBe(true);
  });

  it("verifies from the target's state", async () => {
    const { ports, update } = createRecordingPorts({ world: worldFor(service, test), environment: test });
    const live = { subscriptionId: test.subscriptionId, resourceGroup: test.resourceGroup, server: test.postgres.server };
    expect(await runVerification({ spec: { kind: "server-ready", server: live }, ports })).toMatchObject({ passed: true });
    expect(await runVerification({ spec: { kind: "server-absent", server: live }, ports })).toMatchObject({ passed: false, detail: expect.stringMatching(/exists/) });
    update((w) => {
      w.health[test.health.ctr!] = { passed: false, failing: ["database_integrity"] };
    });
    expect(await runVerification({ spec: { kind: "health-passing", urls: test.health }, ports })).toMatchObject({ passed: false, detail: "Failing health checks: CTR: database_integrity (FAILED)." });
  });
});
