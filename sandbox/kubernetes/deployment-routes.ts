import { Hono, type Context } from "hono";
import type { OperationCounters } from "../faults";
import { applyPatch, InvalidPatchError, patchTypeOf, UnsupportedPatchTypeError } from "./apply-patch";
import { toScale, type DeploymentObject, type ScaleObject } from "./deployment-object";
import { deploymentTable } from "./deployment-table";
import type { KubernetesEnv } from "./create-api";
import { InvalidSelectorError, parseFieldSelector, parseLabelSelector } from "./selectors";
import { DeploymentNotFoundError, InvalidDeploymentError, ResourceVersionConflictError, type KubernetesState } from "./state";
import { statusResponse } from "./status-response";

/**
 * apps/v1 deployments: list (one namespace or all), watch, get, patch, update, and the scale and status
 * subresources. Answers tables to `kubectl get`, objects to everyone else.
 */

type C = Context<KubernetesEnv>;

export function deploymentRoutes(options: { state: KubernetesState; counters: OperationCounters; shutdown: AbortSignal }): Hono<KubernetesEnv> {
  const { state, counters, shutdown } = options;
  const routes = new Hono<KubernetesEnv>();

  routes.get("/deployments", (c) => listOrWatch(c, state, undefined, shutdown));
  routes.get("/namespaces/:namespace/deployments", (c) => listOrWatch(c, state, c.req.param("namespace"), shutdown));

  routes.get("/namespaces/:namespace/deployments/:name", (c) => withDeployment(c, state, (d) => asObjectOrTable(c, d)));
  routes.get("/namespaces/:namespace/deployments/:name/status", (c) => withDeployment(c, state, (d) => c.json(d)));
  routes.get("/namespaces/:namespace/deployments/:name/scale", (c) => withDeployment(c, state, (d) => c.json(toScale(d))));

  routes.patch("/namespaces/:namespace/deployments/:name", async (c) => {
    counters.increment(`kubernetes:patch ${c.req.param("namespace")}/${c.req.param("name")}`);
    return change(c, state, async (current) => {
      const patched = applyPatch({ document: current, patchType: patchTypeOf(c.req.header("content-type") ?? ""), body: await readJson(c) });
      return { deployment: patched, expectedResourceVersion: changedVersion(current.metadata.resourceVersion, patched.metadata?.resourceVersion) };
    }).then((d) => (d instanceof Response ? d : c.json(d)));
  });

  routes.put("/namespaces/:namespace/deployments/:name", async (c) => {
    counters.increment(`kubernetes:update ${c.req.param("namespace")}/${c.req.param("name")}`);
    return change(c, state, async (current) => {
      const body = (await readJson(c)) as DeploymentObject;
      if (body?.metadata?.name !== current.metadata.name) throw new BadRequestError(`the name of the object (${body?.metadata?.name}) does not match the name on the URL (${current.metadata.name})`);
      return { deployment: { ...current, metadata: { ...current.metadata, ...body.metadata }, spec: body.spec }, expectedResourceVersion: body.metadata.resourceVersion || undefined };
    }).then((d) => (d instanceof Response ? d : c.json(d)));
  });

  const changeScale = (read: (c: C, current: ScaleObject) => Promise<ScaleObject>) => async (c: C) => {
    counters.increment(`kubernetes:scale ${c.req.param("namespace")}/${c.req.param("name")}`);
    return change(c, state, async (current) => {
      const scale = toScale(current);
      const wanted = await read(c, scale);
      return {
        deployment: { ...current, spec: { ...current.spec, replicas: wanted?.spec?.replicas as number } },
        expectedResourceVersion: changedVersion(scale.metadata.resourceVersion, wanted?.metadata?.resourceVersion),
      };
    }).then((d) => (d instanceof Response ? d : c.json(toScale(d))));
  };
  routes.patch(
    "/namespaces/:namespace/deployments/:name/scale",
    changeScale(async (c, current) => applyPatch({ document: current, patchType: patchTypeOf(c.req.header("content-type") ?? ""), body: await readJson(c) })),
  );
  routes.put(
    "/namespaces/:namespace/deployments/:name/scale",
    changeScale(async (c, current) => {
      const body = (await readJson(c)) as ScaleObject;
      if (body?.metadata?.name !== current.metadata.name) throw new BadRequestError(`the name of the object (${body?.metadata?.name}) does not match the name on the URL (${current.metadata.name})`);
      // An update carries the version it was read at; an empty one is an unconditional update.
      return { ...body, metadata: { ...body.metadata, resourceVersion: body.metadata.resourceVersion || current.metadata.resourceVersion } };
    }),
  );

  return routes;
}

class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BadRequestError";
  }
}

/** A resourceVersion in a patch or update is a precondition only when it differs from the one already there. */
function changedVersion(current: string, sent: string | undefined): string | undefined {
  return sent && sent !== current ? sent : undefined;
}

async function readJson(c: C): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new BadRequestError("the request body is not valid JSON");
  }
}

function notFound(name: string): Response {
  return statusResponse({ code: 404, reason: "NotFound", message: `deployments.apps "${name}" not found`, details: { name, group: "apps", kind: "deployments" } });
}

function withDeployment(c: C, state: KubernetesState, answer: (d: DeploymentObject) => Response): Response {
  const d = state.get(c.get("cluster"), c.req.param("namespace") ?? "", c.req.param("name") ?? "");
  return d ? answer(d) : notFound(c.req.param("name") ?? "");
}

async function change(
  c: C,
  state: KubernetesState,
  compute: (current: DeploymentObject) => Promise<{ deployment: DeploymentObject; expectedResourceVersion?: string }>,
): Promise<DeploymentObject | Response> {
  const namespace = c.req.param("namespace") ?? "";
  const name = c.req.param("name") ?? "";
  const current = state.get(c.get("cluster"), namespace, name);
  if (!current) return notFound(name);
  try {
    const { deployment, expectedResourceVersion } = await compute(current);
    return state.update({
      cluster: c.get("cluster"),
      namespace,
      name,
      expectedResourceVersion,
      dryRun: c.req.query("dryRun") === "All",
      change: () => deployment,
    });
  } catch (error) {
    if (error instanceof DeploymentNotFoundError) return notFound(name);
    if (error instanceof ResourceVersionConflictError) {
      return statusResponse({ code: 409, reason: "Conflict", message: error.message, details: { name, group: "apps", kind: "deployments" } });
    }
    if (error instanceof InvalidDeploymentError) {
      return statusResponse({
        code: 422,
        reason: "Invalid",
        message: error.message,
        details: { name, group: "apps", kind: "Deployment", causes: error.causes.map((cause) => ({ reason: "FieldValueInvalid", message: cause.message, field: cause.field })) },
      });
    }
    if (error instanceof UnsupportedPatchTypeError) return statusResponse({ code: 415, reason: "UnsupportedMediaType", message: error.message });
    if (error instanceof InvalidPatchError) return statusResponse({ code: 422, reason: "Invalid", message: error.message });
    if (error instanceof BadRequestError) return statusResponse({ code: 400, reason: "BadRequest", message: error.message });
    throw error;
  }
}

function wantsTable(c: C): boolean {
  return (c.req.header("accept") ?? "").split(",").some((part) => /as=Table/.test(part) && /g=meta\.k8s\.io/.test(part));
}

function includeObject(c: C): "None" | "Metadata" | "Object" {
  const v = c.req.query("includeObject");
  return v === "None" || v === "Object" ? v : "Metadata";
}

function asObjectOrTable(c: C, d: DeploymentObject): Response {
  if (wantsTable(c)) return c.json(deploymentTable({ deployments: [d], resourceVersion: d.metadata.resourceVersion, includeObject: includeObject(c), now: new Date() }));
  return c.json(d);
}

function listItem(d: DeploymentObject) {
  // Items of a list carry no kind/apiVersion: the list's own says what they are.
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = d;
  return rest;
}

function listOrWatch(c: C, state: KubernetesState, namespace: string | undefined, shutdown: AbortSignal): Response {
  let matches: (d: DeploymentObject) => boolean;
  try {
    const field = parseFieldSelector(c.req.query("fieldSelector"));
    const label = parseLabelSelector(c.req.query("labelSelector"));
    matches = (d) => field(d) && label(d);
  } catch (error) {
    if (error instanceof InvalidSelectorError) return statusResponse({ code: 400, reason: "BadRequest", message: error.message });
    throw error;
  }
  const cluster = c.get("cluster");
  const watch = c.req.query("watch");
  if (watch === "true" || watch === "1") return watchDeployments({ c, state, cluster, namespace, matches, shutdown });
  const deployments = state.list(cluster, namespace).filter(matches);
  if (wantsTable(c)) return c.json(deploymentTable({ deployments, resourceVersion: state.resourceVersion(), includeObject: includeObject(c), now: new Date() }));
  return c.json({ kind: "DeploymentList", apiVersion: "apps/v1", metadata: { resourceVersion: state.resourceVersion() }, items: deployments.map(listItem) });
}

function watchDeployments(options: {
  c: C;
  state: KubernetesState;
  cluster: string;
  namespace: string | undefined;
  matches: (d: DeploymentObject) => boolean;
  shutdown: AbortSignal;
}): Response {
  const { c, state, cluster, namespace, matches, shutdown } = options;
  const table = wantsTable(c);
  const render = (type: string, d: DeploymentObject) =>
    `${JSON.stringify({ type, object: table ? deploymentTable({ deployments: [d], resourceVersion: d.metadata.resourceVersion, includeObject: includeObject(c), now: new Date() }) : d })}\n`;
  const since = c.req.query("resourceVersion");
  const timeoutSeconds = Number(c.req.query("timeoutSeconds") ?? "1800");
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // No resourceVersion (or "0"): start with the current state as ADDED events, as the API server does.
      if (!since || since === "0") for (const d of state.list(cluster, namespace).filter(matches)) controller.enqueue(encoder.encode(render("ADDED", d)));
      // From a resourceVersion (a client's list, then its watch: `kubectl rollout status`): what changed since then,
      // as the API server replays from its watch cache; the stand-in keeps only the latest state, so each deployment
      // changed since comes once, as it is now. Without this, a change between the list and the watch is lost and
      // the client waits for an event that never comes. Replayed and subscribed in one turn: nothing slips between.
      else for (const d of state.list(cluster, namespace).filter(matches)) {
        if (Number(d.metadata.resourceVersion) > Number(since)) controller.enqueue(encoder.encode(render("MODIFIED", d)));
      }
      const listener = (event: { cluster: string; deployment: DeploymentObject }) => {
        const d = event.deployment;
        if (event.cluster !== cluster || (namespace && d.metadata.namespace !== namespace) || !matches(d)) return;
        if (since && since !== "0" && Number(d.metadata.resourceVersion) <= Number(since)) return;
        try {
          controller.enqueue(encoder.encode(render("MODIFIED", d)));
        } catch {
          // The client went away and the stream is closed: stop listening.
          cleanup();
        }
      };
      state.events.on("deployment", listener);
      // The watch ends at its timeout, or when the stand-in stops.
      const end = () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      const timer = setTimeout(end, timeoutSeconds * 1000);
      shutdown.addEventListener("abort", end, { once: true });
      cleanup = () => {
        clearTimeout(timer);
        state.events.off("deployment", listener);
        shutdown.removeEventListener("abort", end);
      };
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, { status: 200, headers: { "content-type": "application/json", "transfer-encoding": "chunked" } });
}
