import { describe, expect, it } from "vitest";
import { getEnvironment, getService } from "../../catalogue/catalogue";
import { createRecordingPorts, worldFor } from "../../integrations/testing/recording-ports";
import { runVerification } from "../run-verification";
import { judgeRun } from "./github";
import { scaleDeployments } from "./kubernetes";

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
