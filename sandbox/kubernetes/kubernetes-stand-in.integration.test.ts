import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { AppsV1Api, KubeConfig, PatchStrategy, setHeaderOptions, Watch } from "@kubernetes/client-node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { childEnvironment } from "@/lib/config/env";
import type { SandboxContext } from "../context";
import { Faults, OperationCounters } from "../faults";
import { startKubernetesStandIn, type KubernetesStandIn } from "./server";

const run = promisify(execFile);
const NS = "tra-test";
const WEB = "access-your-teaching-qualifications-test";

let stateDir: string;
let context: SandboxContext;
let k8s: KubernetesStandIn;
let apps: AppsV1Api;

async function kubectl(...args: string[]): Promise<string> {
  const { stdout } = await run("kubectl", args, { env: childEnvironment({ KUBECONFIG: k8s.kubeconfigFile }), timeout: 30_000 });
  return stdout;
}

async function eventually<T>(read: () => T | Promise<T>, accept: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > until) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), "k8s-stand-in-"));
  context = {
    adminDatabaseUrl: "postgresql://unused@127.0.0.1/postgres",
    stateDir,
    arm: { url: "https://127.0.0.1:1", caFile: "", token: "" },
    storage: { connectionString: () => "", blobUrl: () => "" },
    serverDatabaseUrl: async () => undefined,
    faults: new Faults(),
    counters: new OperationCounters(),
  };
  k8s = await startKubernetesStandIn({ context, rolloutStepMs: 60 });
  const config = new KubeConfig();
  config.loadFromFile(k8s.kubeconfigFile);
  apps = config.makeApiClient(AppsV1Api);
});

afterAll(async () => {
  await k8s?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

afterEach(() => context.faults.clear());

describe("the Kubernetes stand-in with the real kubectl", () => {
  it("answers `kubectl -n tra-test get deployments` with the catalogue's deployments at their normal replicas", async () => {
    const out = await kubectl("-n", NS, "get", "deployments");
    expect(out).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
    expect(out).toMatch(new RegExp(`^${WEB}\\s+1/1\\s+1\\s+1\\s+12d$`, "m"));
    expect(out).toMatch(/^access-your-teaching-qualifications-test-worker\s+1\/1/m);
    expect(out).toMatch(/^access-your-teaching-qualifications-preprod\s+1\/1/m);
  });

  it("scales with `kubectl scale ... --replicas 0`, and the status follows after a step", async () => {
    const scalesBefore = context.counters.get(`kubernetes:scale ${NS}/${WEB}-worker`) ?? 0;
    const out = await kubectl("-n", NS, "scale", "deployment", `${WEB}-worker`, "--replicas", "0");
    expect(out.trim()).toBe(`deployment.apps/${WEB}-worker scaled`);
    expect(context.counters.get(`kubernetes:scale ${NS}/${WEB}-worker`)).toBe(scalesBefore + 1);
    await eventually(() => k8s.state.readyReplicas(NS, `${WEB}-worker`), (n) => n === 0);
    expect(await kubectl("-n", NS, "get", "deployment", `${WEB}-worker`, "--no-headers")).toMatch(/\s0\/0\s+0\s+0\s/);
    const pods = await kubectl("-n", NS, "get", "pods", "--no-headers");
    expect(pods).toMatch(new RegExp(`^${WEB}-[a-z0-9]{10}-[a-z0-9]{5}\\s+1/1\\s+Running`, "m"));
    expect(pods).not.toContain(`${WEB}-worker-`);

    await kubectl("-n", NS, "scale", "deployment", `${WEB}-worker`, "--replicas", "1");
    const rollout = await kubectl("-n", NS, "rollout", "status", `deployment/${WEB}-worker`, "--timeout=20s");
    expect(rollout).toContain("successfully rolled out");
    expect(k8s.state.readyReplicas(NS, `${WEB}-worker`)).toBe(1);
  });

  it("keeps production in its own cluster (context)", async () => {
    const out = await kubectl("--context", "s189p01-tsc-production-aks", "-n", "tra-production", "get", "deployments", "-o", "name");
    expect(out.trim().split("\n")).toEqual([
      "deployment.apps/access-your-teaching-qualifications-production",
      "deployment.apps/access-your-teaching-qualifications-production-worker",
    ]);
    expect(await kubectl("-n", "tra-production", "get", "deployments", "-o", "name")).toBe("");
  });
});

describe("the Kubernetes stand-in with @kubernetes/client-node", () => {
  it("replays to a watch from a resourceVersion what changed since, as the API server does (a list, then a watch)", async () => {
    const listed = await apps.listNamespacedDeployment({ namespace: NS });
    const since = listed.metadata!.resourceVersion!;
    // A change between the client's list and its watch (what `kubectl rollout status` does): it must not be lost.
    await kubectl("-n", NS, "scale", "deployment", `${WEB}-worker`, "--replicas", "2");
    await eventually(() => k8s.state.readyReplicas(NS, `${WEB}-worker`), (n) => n === 2);
    const config = new KubeConfig();
    config.loadFromFile(k8s.kubeconfigFile);
    const seen: string[] = [];
    const watching = await new Watch(config).watch(
      `/apis/apps/v1/namespaces/${NS}/deployments`,
      { resourceVersion: since },
      (type, object: { metadata: { name: string }; spec: { replicas: number } }) => seen.push(`${type} ${object.metadata.name} ${object.spec.replicas}`),
      () => undefined,
    );
    try {
      await eventually(() => seen, (s) => s.length > 0);
      expect(seen).toEqual([`MODIFIED ${WEB}-worker 2`]);
    } finally {
      watching.abort();
      await kubectl("-n", NS, "scale", "deployment", `${WEB}-worker`, "--replicas", "1");
      await eventually(() => k8s.state.readyReplicas(NS, `${WEB}-worker`), (n) => n === 1);
    }
  });

  it("lists and reads deployments with their status fields", async () => {
    const config = new KubeConfig();
    config.loadFromFile(k8s.kubeconfigFile);
    config.setCurrentContext("s189p01-tsc-production-aks");
    const list = await config.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace: "tra-production" });
    const web = list.items.find((d) => d.metadata?.name === "access-your-teaching-qualifications-production");
    expect(web?.spec?.replicas).toBe(2);
    expect(web?.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2, observedGeneration: 1 });
    expect(web?.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual(["Available=True", "Progressing=True"]);
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThan(0);
  });

  it("scales through the scale subresource (JSON patch, merge patch, replace) and the rollout moves the status", async () => {
    const before = await apps.readNamespacedDeployment({ name: WEB, namespace: NS });
    const generation = before.metadata?.generation ?? 0;

    const scaled = await apps.patchNamespacedDeploymentScale({ name: WEB, namespace: NS, body: [{ op: "replace", path: "/spec/replicas", value: 0 }] });
    expect(scaled.spec?.replicas).toBe(0);
    const right = await apps.readNamespacedDeployment({ name: WEB, namespace: NS });
    expect(right.metadata?.generation).toBe(generation + 1);
    expect(right.status?.readyReplicas).toBe(1);
    const down = await eventually(() => apps.readNamespacedDeployment({ name: WEB, namespace: NS }), (d) => d.status?.observedGeneration === generation + 1 && d.status?.replicas === undefined);
    expect(down.status?.readyReplicas).toBeUndefined();

    await apps.patchNamespacedDeploymentScale({ name: WEB, namespace: NS, body: { spec: { replicas: 2 } } }, setHeaderOptions("Content-Type", PatchStrategy.MergePatch));
    const starting = await eventually(() => apps.readNamespacedDeployment({ name: WEB, namespace: NS }), (d) => d.status?.replicas === 2);
    expect(starting.status?.readyReplicas ?? 0).toBe(0);
    const ready = await eventually(() => apps.readNamespacedDeployment({ name: WEB, namespace: NS }), (d) => d.status?.readyReplicas === 2);
    expect(ready.status).toMatchObject({ availableReplicas: 2, updatedReplicas: 2, observedGeneration: generation + 2 });

    const scale = await apps.readNamespacedDeploymentScale({ name: WEB, namespace: NS });
    const replaced = await apps.replaceNamespacedDeploymentScale({ name: WEB, namespace: NS, body: { ...scale, spec: { replicas: 1 } } });
    expect(replaced.spec?.replicas).toBe(1);
    await expect(apps.replaceNamespacedDeploymentScale({ name: WEB, namespace: NS, body: { ...scale, spec: { replicas: 3 } } })).rejects.toMatchObject({ code: 409 });
    await eventually(() => k8s.state.readyReplicas(NS, WEB), (n) => n === 1);
  });

  it("answers errors as Status objects: 404, 422 and 401", async () => {
    await expect(apps.readNamespacedDeployment({ name: "nope", namespace: NS })).rejects.toMatchObject({ code: 404 });
    await expect(
      apps.patchNamespacedDeploymentScale({ name: WEB, namespace: NS, body: { spec: { replicas: -1 } } }, setHeaderOptions("Content-Type", PatchStrategy.MergePatch)),
    ).rejects.toMatchObject({ code: 422 });
    const config = new KubeConfig();
    config.loadFromFile(k8s.kubeconfigFile);
    const user = config.getCurrentUser();
    if (user) (user as { token?: string }).token = "wrong";
    await expect(config.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace: NS })).rejects.toMatchObject({ code: 401 });
  });

  it("honours the fault switches: 429 with Retry-After, then 500", async () => {
    context.faults.set("kubernetes", { tooManyRequests: { count: 1, retryAfterSeconds: 9 }, serverError: { count: 1 } });
    const tooMany = await apps.readNamespacedDeployment({ name: WEB, namespace: NS }).catch((e: { code: number; body: string; headers: Record<string, string> }) => e);
    expect(tooMany).toMatchObject({ code: 429 });
    expect(JSON.parse((tooMany as { body: string }).body)).toMatchObject({ kind: "Status", reason: "TooManyRequests", details: { retryAfterSeconds: 9 } });
    expect((tooMany as { headers: Record<string, string> }).headers["retry-after"]).toBe("9");
    await expect(apps.readNamespacedDeployment({ name: WEB, namespace: NS })).rejects.toMatchObject({ code: 500 });
    await expect(apps.readNamespacedDeployment({ name: WEB, namespace: NS })).resolves.toMatchObject({ metadata: { name: WEB } });
  });
});
