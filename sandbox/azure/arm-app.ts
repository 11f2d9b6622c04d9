import { randomUUID } from "node:crypto";
import type { HttpBindings } from "@hono/node-server";
import { Hono, type Context } from "hono";
import type { Faults, OperationCounters } from "../faults";
import { faultMiddleware } from "../control/fault-middleware";
import { ArmError, armErrors } from "./arm-errors";
import type { FlexibleServers } from "./flexible-servers";
import { activityEventBody, canonicalResourceId, InsightsError, listActivity, parseActivityLogFilter, selectFields, type DiagnosticSettings } from "./insights";
import type { AzureState, OperationRecord } from "./state";

/**
 * Azure Resource Manager over HTTP, for the resource types the runbook drives. ARM paths are
 * case-insensitive and clients differ in slashes (`//subscriptions` from `{+resourceUri}`), so routing is a
 * small matcher over normalised segments rather than hono's case-sensitive router.
 */

export const API_VERSIONS = {
  flexibleServers: ["2024-08-01", "2025-08-01"],
  diagnosticSettings: ["2021-05-01-preview"],
  activityLog: ["2015-04-01"],
} as const;

export interface ArmAppOptions {
  servers: FlexibleServers;
  diagnosticSettings: DiagnosticSettings;
  state: AzureState;
  token: string;
  tenantId: string;
  faults: Faults;
  counters: OperationCounters;
  /** subscription id (lower case) -> its resource groups (lower case). */
  scopes: Map<string, Set<string>>;
  retryAfterSeconds: number;
  caller: string;
  log?: (message: string) => void;
}

type Ctx = Context<{ Bindings: HttpBindings }>;

export function createArmApp(options: ArmAppOptions): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();

  app.use("*", async (c, next) => {
    await next();
    c.res.headers.set("x-ms-request-id", randomUUID());
    c.res.headers.set("x-ms-correlation-request-id", c.req.header("x-ms-correlation-request-id") ?? randomUUID());
    const clientRequestId = c.req.header("x-ms-client-request-id");
    if (clientRequestId) c.res.headers.set("x-ms-client-request-id", clientRequestId);
  });

  app.use(
    "*",
    faultMiddleware({
      faults: options.faults,
      standIn: "arm",
      counters: options.counters,
      tooManyRequests: (seconds) => {
        const e = armErrors.tooManyRequests(seconds);
        return { status: 429, body: e.body(), headers: e.headers };
      },
      serverError: () => ({ status: 500, body: armErrors.internal(randomUUID()).body() }),
    }),
  );

  app.use("*", async (c, next) => {
    const header = c.req.header("authorization");
    if (!header) return armError(armErrors.missingAuthorization());
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match || match[1] !== options.token) return armError(armErrors.invalidToken());
    return next();
  });

  app.all("*", async (c) => {
    try {
      return await dispatch(c, options);
    } catch (error) {
      if (error instanceof ArmError) return armError(error);
      if (error instanceof InsightsError) return c.json({ code: error.code, message: error.message }, error.status as 400);
      options.log?.(`ARM ${c.req.method} ${c.req.url} failed: ${error instanceof Error ? error.stack : String(error)}`);
      return armError(armErrors.internal(randomUUID()));
    }
  });
  return app;
}

function armError(error: ArmError): Response {
  return new Response(JSON.stringify(error.body()), {
    status: error.status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...error.headers },
  });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers } });
}

/** Matches `segments` against a pattern like ["subscriptions", "{sub}", ...], case-insensitively. */
function match(segments: string[], pattern: string[]): Record<string, string> | undefined {
  if (segments.length !== pattern.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const s = segments[i]!;
    if (p.startsWith("{")) params[p.slice(1, -1)] = s;
    else if (p.toLowerCase() !== s.toLowerCase()) return undefined;
  }
  return params;
}

const P = {
  serversInGroup: "subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.DBforPostgreSQL/flexibleServers".split("/"),
  server: "subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{name}".split("/"),
  serversInSubscription: "subscriptions/{sub}/providers/Microsoft.DBforPostgreSQL/flexibleServers".split("/"),
  asyncOperation: "subscriptions/{sub}/providers/Microsoft.DBforPostgreSQL/locations/{location}/azureAsyncOperation/{id}".split("/"),
  operationResult: "subscriptions/{sub}/providers/Microsoft.DBforPostgreSQL/locations/{location}/operationResults/{id}".split("/"),
  activityLog: "subscriptions/{sub}/providers/Microsoft.Insights/eventtypes/management/values".split("/"),
};

function checkApiVersion(c: Ctx, supported: readonly string[], type: string): string {
  const apiVersion = c.req.query("api-version");
  if (!apiVersion) throw armErrors.missingApiVersion();
  if (!supported.includes(apiVersion)) throw armErrors.unsupportedApiVersion(apiVersion, type, supported);
  return apiVersion;
}

function checkScope(options: ArmAppOptions, sub: string, rg?: string): void {
  const groups = options.scopes.get(sub.toLowerCase());
  if (!groups) throw armErrors.subscriptionNotFound(sub);
  if (rg !== undefined && !groups.has(rg.toLowerCase())) throw armErrors.resourceGroupNotFound(rg);
}

async function readJson(c: Ctx): Promise<unknown> {
  const text = await c.req.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw armErrors.invalidRequestContent(error instanceof Error ? error.message : "invalid JSON");
  }
}

function operationUrls(c: Ctx, operation: OperationRecord, apiVersion: string): Record<string, string> {
  const origin = new URL(c.req.url).origin;
  const base = `${origin}/subscriptions/${operation.subscriptionId}/providers/Microsoft.DBforPostgreSQL/locations/${operation.location}`;
  return {
    "Azure-AsyncOperation": `${base}/azureAsyncOperation/${operation.id}?api-version=${apiVersion}`,
    Location: `${base}/operationResults/${operation.id}?api-version=${apiVersion}`,
  };
}

function operationStatusBody(operation: OperationRecord): Record<string, unknown> {
  return {
    id: `/subscriptions/${operation.subscriptionId}/providers/Microsoft.DBforPostgreSQL/locations/${operation.location}/azureAsyncOperation/${operation.id}`,
    name: operation.id,
    status: operation.status,
    startTime: operation.startTime,
    ...(operation.endTime ? { endTime: operation.endTime } : {}),
    ...(operation.status === "Succeeded" ? { percentComplete: 100 } : {}),
    ...(operation.error ? { error: operation.error } : {}),
  };
}

async function dispatch(c: Ctx, options: ArmAppOptions): Promise<Response> {
  const method = c.req.method.toUpperCase();
  const rawPath = new URL(c.req.url).pathname;
  const segments = rawPath.split("/").filter(Boolean).map((s) => decodeURIComponent(s));
  const count = (name: string) => options.counters.increment(`arm:${name}`);
  const retryAfter = { "Retry-After": String(options.retryAfterSeconds) };

  // Diagnostic settings hang off any resource id: {resourceUri}/providers/Microsoft.Insights/diagnosticSettings[/name]
  const insightsAt = segments.findIndex((s, i) => i > 0 && s.toLowerCase() === "providers" && segments[i + 1]?.toLowerCase() === "microsoft.insights" && segments[i + 2]?.toLowerCase() === "diagnosticsettings");
  if (insightsAt > 0 && segments.length <= insightsAt + 4) {
    checkApiVersion(c, API_VERSIONS.diagnosticSettings, "diagnosticSettings");
    const resourceUri = canonicalResourceId(segments.slice(0, insightsAt).join("/"));
    const name = segments[insightsAt + 3];
    const settings = options.diagnosticSettings;
    if (name === undefined) {
      if (method !== "GET") throw armErrors.methodNotAllowed(method);
      count("LIST diagnosticSettings");
      return json(200, { value: settings.list(resourceUri) });
    }
    if (method === "GET") {
      count("GET diagnosticSettings");
      return json(200, settings.get(resourceUri, name));
    }
    if (method === "PUT") {
      count("PUT diagnosticSettings");
      return json(200, await settings.put(resourceUri, name, await readJson(c)));
    }
    if (method === "DELETE") {
      count("DELETE diagnosticSettings");
      count(`DELETE diagnosticSettings ${name}`);
      return (await settings.delete(resourceUri, name)) ? new Response(null, { status: 200 }) : new Response(null, { status: 204 });
    }
    throw armErrors.methodNotAllowed(method);
  }

  let params = match(segments, P.activityLog);
  if (params) {
    if (method !== "GET") throw armErrors.methodNotAllowed(method);
    checkApiVersion(c, API_VERSIONS.activityLog, "eventtypes");
    checkScope(options, params.sub!);
    count("LIST activityLog");
    const filter = parseActivityLogFilter(c.req.query("$filter"));
    const select = c.req.query("$select");
    const events = listActivity(options.state, params.sub!, filter).map((e) => selectFields(activityEventBody(e, options.tenantId), select));
    return json(200, { value: events });
  }

  params = match(segments, P.serversInGroup);
  if (params) {
    if (method !== "GET") throw armErrors.methodNotAllowed(method);
    checkApiVersion(c, API_VERSIONS.flexibleServers, "flexibleServers");
    checkScope(options, params.sub!, params.rg!);
    count("LIST flexibleServers");
    return json(200, { value: options.servers.list(params.sub!, params.rg!) });
  }

  params = match(segments, P.serversInSubscription);
  if (params) {
    if (method !== "GET") throw armErrors.methodNotAllowed(method);
    checkApiVersion(c, API_VERSIONS.flexibleServers, "flexibleServers");
    checkScope(options, params.sub!);
    count("LIST flexibleServers");
    return json(200, { value: options.servers.list(params.sub!) });
  }

  params = match(segments, P.server);
  if (params) {
    const apiVersion = checkApiVersion(c, API_VERSIONS.flexibleServers, "flexibleServers");
    const { sub, rg, name } = params as { sub: string; rg: string; name: string };
    checkScope(options, sub, rg);
    if (method === "GET") {
      count("GET flexibleServers");
      const body = options.servers.get(sub, rg, name);
      if (!body) throw armErrors.resourceNotFound("Microsoft.DBforPostgreSQL/flexibleServers", name, rg);
      return json(200, body);
    }
    if (method === "PUT") {
      const body = await readJson(c);
      const requested = (body as { properties?: { createMode?: unknown } } | undefined)?.properties?.createMode;
      const mode = typeof requested === "string" ? requested : "Default";
      count(`PUT flexibleServers ${mode}`);
      count(`PUT flexibleServers ${mode} ${name.toLowerCase()}`);
      const { operation } = options.servers.beginCreateOrUpdate({ subscriptionId: sub, resourceGroup: rg, name, body, caller: options.caller });
      return new Response(null, { status: 202, headers: { ...operationUrls(c, operation, apiVersion), ...retryAfter } });
    }
    if (method === "DELETE") {
      count("DELETE flexibleServers");
      count(`DELETE flexibleServers ${name.toLowerCase()}`);
      const operation = options.servers.beginDelete({ subscriptionId: sub, resourceGroup: rg, name, caller: options.caller });
      if (!operation) return new Response(null, { status: 204 });
      return new Response(null, { status: 202, headers: { ...operationUrls(c, operation, apiVersion), ...retryAfter } });
    }
    throw armErrors.methodNotAllowed(method);
  }

  params = match(segments, P.asyncOperation) ?? match(segments, P.operationResult);
  if (params) {
    if (method !== "GET") throw armErrors.methodNotAllowed(method);
    const apiVersion = checkApiVersion(c, API_VERSIONS.flexibleServers, "locations/azureAsyncOperation");
    checkScope(options, params.sub!);
    const operation = options.servers.operationStatus(params.id!);
    if (!operation || operation.subscriptionId.toLowerCase() !== params.sub!.toLowerCase()) throw armErrors.operationNotFound(params.id!);
    const isStatus = segments[6]!.toLowerCase() === "azureasyncoperation";
    if (isStatus) {
      count("GET operationStatus");
      return json(200, operationStatusBody(operation), operation.status === "InProgress" ? retryAfter : {});
    }
    count("GET operationResult");
    if (operation.status === "InProgress") return new Response(null, { status: 202, headers: { Location: operationUrls(c, operation, apiVersion).Location!, ...retryAfter } });
    if (operation.status === "Failed") return json(500, { error: operation.error });
    if (operation.kind === "delete") return new Response(null, { status: 204 });
    const body = options.servers.get(operation.subscriptionId, operation.resourceGroup, operation.serverName);
    return body ? json(200, body) : new Response(null, { status: 204 });
  }

  throw armErrors.notFound(rawPath);
}
