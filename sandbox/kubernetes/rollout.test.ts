import { describe, expect, it } from "vitest";
import type { DeploymentObject } from "./deployment-object";
import { advanceRollout, computeStatus, isRolloutComplete, type RolloutProgress, type SimulatedPod } from "./rollout";

function deployment(replicas: number): DeploymentObject {
  return {
    kind: "Deployment",
    apiVersion: "apps/v1",
    metadata: { name: "web", namespace: "ns", uid: "u", resourceVersion: "1", generation: 2, creationTimestamp: "2026-01-01T00:00:00Z", labels: {}, annotations: {} },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" }, creationTimestamp: null }, spec: { containers: [], restartPolicy: "Always", terminationGracePeriodSeconds: 30, dnsPolicy: "ClusterFirst", securityContext: {}, schedulerName: "default-scheduler" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: { observedGeneration: 1, conditions: [] },
  };
}

const pod = (hash: string, ready = false): SimulatedPod => ({ name: `web-${hash}-x`, templateHash: hash, ready, createdAt: "2026-01-01T00:00:00Z" });
const pods = (n: number, hash: string, ready = true): SimulatedPod[] => Array.from({ length: n }, () => pod(hash, ready));

function ticks(d: DeploymentObject, start: SimulatedPod[], hash: string, outcome: RolloutProgress["outcome"] = "normal") {
  const seen: SimulatedPod[][] = [];
  let current = start;
  for (let i = 0; i < 10 && !isRolloutComplete(d, current, hash); i++) {
    current = advanceRollout(d, { pods: current, ticks: i, outcome }, hash, (h) => pod(h));
    seen.push(current);
  }
  return seen;
}

describe("advanceRollout", () => {
  it("removes pods at once on a scale to 0", () => {
    const seen = ticks(deployment(0), pods(2, "a"), "a");
    expect(seen.map((p) => p.length)).toEqual([0]);
  });

  it("starts every pod of a plain scale up, ready one step later", () => {
    const seen = ticks(deployment(2), [], "a");
    expect(seen.map((p) => p.filter((x) => x.ready).length)).toEqual([0, 2]);
    expect(seen[0]?.length).toBe(2);
  });

  it("rolls a new template through with one surge pod, never below the minimum available", () => {
    const seen = ticks(deployment(2), pods(2, "old"), "new");
    for (const step of seen) expect(step.filter((p) => p.ready).length).toBeGreaterThanOrEqual(2 - 0);
    expect(seen.at(-1)?.every((p) => p.templateHash === "new" && p.ready)).toBe(true);
    expect(Math.max(...seen.map((p) => p.length))).toBe(3);
  });

  it("never gets ready when the rollout is told to fail, and says so after the deadline", () => {
    const d = deployment(1);
    const seen = ticks(d, [], "a", "fail");
    expect(seen.every((p) => p.every((x) => !x.ready))).toBe(true);
    const status = computeStatus({ deployment: d, pods: seen.at(-1) ?? [], templateHash: "a", replicaSetName: "web-a", progress: { pods: [], ticks: 6, outcome: "fail" }, now: "2026-01-01T00:00:00Z" });
    expect(status.conditions.find((c) => c.type === "Progressing")).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded" });
  });
});

describe("computeStatus", () => {
  it("leaves zero counts out, as the API server does", () => {
    const status = computeStatus({ deployment: deployment(0), pods: [], templateHash: "a", replicaSetName: "web-a", progress: { pods: [], ticks: 1, outcome: "normal" }, now: "2026-01-01T00:00:00Z" });
    expect(status).toEqual({ observedGeneration: 2, conditions: expect.any(Array) });
  });
});
