import type { HttpBindings } from "@hono/node-server";
import { Hono, type Context } from "hono";
import type { OperationCounters, Faults } from "../faults";
import { takeRequestFault } from "../services/http/take-request-fault";
import { apiGroupList, apiVersions, appsApiGroup, appsV1Resources, coreV1Resources, SERVER_VERSION } from "./discovery";
import { deploymentRoutes } from "./deployment-routes";
import { podObject, podTable } from "./pod-objects";
import type { KubernetesState } from "./state";
import { statusResponse } from "./status-response";

/**
 * The Kubernetes API of every catalogue cluster, each under its own path prefix `/clusters/<cluster-name>` (a
 * kubeconfig `server` may carry a path, as cluster proxies use), so that test and production are separate
 * clusters as they are in AKS. Bearer token auth; fault switches of the "kubernetes" stand-in on every request.
 */

export type KubernetesEnv = { Bindings: HttpBindings; Variables: { cluster: string } };

export interface CreateKubernetesApiOptions {
  state: KubernetesState;
  token: string;
  faults: Faults;
  counters: OperationCounters;
  /** host:port the clients use, for `serverAddressByClientCIDRs`. */
  serverAddress: () => string;
  /** Aborted when the stand-in stops: open watches end. */
  shutdown: AbortSignal;
}

export function createKubernetesApi(options: CreateKubernetesApiOptions): Hono<KubernetesEnv> {
  const app = new Hono<KubernetesEnv>();

  app.use("*", async (c, next) => {
    const fault = await takeRequestFault({ faults: options.faults, standIn: "kubernetes", path: c.req.path, bindings: c.env });
    if (fault.kind === "connectionReset") return new Response(null, { status: 500 });
    if (fault.kind === "tooManyRequests") {
      return statusResponse({
        code: 429,
        reason: "TooManyRequests",
        message: "Too many requests, please try again later.",
        details: { retryAfterSeconds: fault.retryAfterSeconds },
        headers: { "retry-after": String(fault.retryAfterSeconds) },
      });
    }
    if (fault.kind === "serverError") {
      return statusResponse({ code: 500, reason: "InternalError", message: "Internal error occurred: the sandbox was told to fail this request" });
    }
    await next();
    c.header("audit-id", crypto.randomUUID());
    c.header("cache-control", "no-cache, private");
  });

  const cluster = new Hono<KubernetesEnv>();
  cluster.use("*", async (c, next) => {
    const name = c.req.param("cluster") ?? "";
    if (!options.state.clusters().includes(name)) return c.text("404 page not found\n", 404);
    c.set("cluster", name);
    // /version is readable without credentials on AKS (system:public-info-viewer); everything else needs the token.
    if (!c.req.path.endsWith("/version") && c.req.header("authorization") !== `Bearer ${options.token}`) {
      return statusResponse({ code: 401, reason: "Unauthorized", message: "Unauthorized" });
    }
    await next();
  });

  const json = (c: Context<KubernetesEnv>, body: unknown) => c.json(body as object);
  cluster.get("/version", (c) => json(c, SERVER_VERSION));
  cluster.get("/api", (c) => json(c, apiVersions(options.serverAddress())));
  cluster.get("/apis", (c) => json(c, apiGroupList()));
  cluster.get("/api/v1", (c) => json(c, coreV1Resources()));
  cluster.get("/apis/apps", (c) => json(c, appsApiGroup()));
  cluster.get("/apis/apps/v1", (c) => json(c, appsV1Resources()));

  cluster.get("/api/v1/namespaces", (c) =>
    json(c, {
      kind: "NamespaceList",
      apiVersion: "v1",
      metadata: { resourceVersion: options.state.resourceVersion() },
      items: options.state.namespaces(c.get("cluster")).map(namespaceObject),
    }),
  );
  cluster.get("/api/v1/namespaces/:namespace", (c) => {
    const namespace = c.req.param("namespace");
    if (!options.state.namespaces(c.get("cluster")).includes(namespace)) {
      return statusResponse({ code: 404, reason: "NotFound", message: `namespaces "${namespace}" not found`, details: { name: namespace, kind: "namespaces" } });
    }
    return json(c, { kind: "Namespace", apiVersion: "v1", ...namespaceObject(namespace) });
  });

  const pods = (c: Context<KubernetesEnv>, namespace: string | undefined) => options.state.pods(c.get("cluster"), namespace).map(podObject);
  const podList = (c: Context<KubernetesEnv>, namespace: string | undefined) => {
    const items = pods(c, namespace);
    if (/as=Table/.test(c.req.header("accept") ?? "")) return json(c, podTable({ pods: items, resourceVersion: options.state.resourceVersion(), now: new Date() }));
    return json(c, { kind: "PodList", apiVersion: "v1", metadata: { resourceVersion: options.state.resourceVersion() }, items: items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest) });
  };
  cluster.get("/api/v1/pods", (c) => podList(c, undefined));
  cluster.get("/api/v1/namespaces/:namespace/pods", (c) => podList(c, c.req.param("namespace")));
  cluster.get("/api/v1/namespaces/:namespace/pods/:name", (c) => {
    const pod = pods(c, c.req.param("namespace")).find((p) => p.metadata.name === c.req.param("name"));
    if (!pod) return statusResponse({ code: 404, reason: "NotFound", message: `pods "${c.req.param("name")}" not found`, details: { name: c.req.param("name"), kind: "pods" } });
    if (/as=Table/.test(c.req.header("accept") ?? "")) return json(c, podTable({ pods: [pod], resourceVersion: pod.metadata.resourceVersion, now: new Date() }));
    return json(c, pod);
  });

  cluster.route("/apis/apps/v1", deploymentRoutes({ state: options.state, counters: options.counters, shutdown: options.shutdown }));
  app.route("/clusters/:cluster", cluster);
  app.notFound((c) => c.text("404 page not found\n", 404));
  return app;
}

function namespaceObject(name: string) {
  return {
    metadata: { name, uid: `ns-${name}`, resourceVersion: "1", creationTimestamp: "2024-01-15T09:00:00Z", labels: { "kubernetes.io/metadata.name": name } },
    spec: { finalizers: ["kubernetes"] },
    status: { phase: "Active" },
  };
}
