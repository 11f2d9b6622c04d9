import type { HttpBindings } from "@hono/node-server";
import { Hono, type Context } from "hono";
import type { EnvironmentDefinition, ServiceDefinition } from "@/lib/catalogue/schema";
import type { SandboxContext } from "../context";
import type { KubernetesState } from "../kubernetes/state";
import type { ActivityWriter } from "./activity-writer";
import type { DatabasePools } from "./database-pools";
import { healthJson, healthStatus, healthText } from "./render-health";
import { runHealthChecks } from "./run-health-checks";
import { takeRequestFault } from "./http/take-request-fault";

/**
 * The sandbox's AYTQ and CTR apps, one per environment, routed by path: `/<environment>/<service>/...` stands for
 * `https://<host of that service in that environment>/...` (e.g. `/test/ctr/health/all` for
 * https://test.check-a-teachers-record.education.gov.uk/health/all). Both services are one deployment, as the real
 * ones are. While the web deployment has no ready pod the ingress answers 503 (nginx's "Service Temporarily
 * Unavailable"), and in maintenance mode 503 with the maintenance page, as AKS does; a connection is never refused.
 */

type Env = { Bindings: HttpBindings };
type C = Context<Env>;

export interface CreateServicesAppOptions {
  context: SandboxContext;
  kubernetes: KubernetesState;
  pools: DatabasePools;
  services: readonly ServiceDefinition[];
  writers: ReadonlyMap<string, ActivityWriter>;
}

const NGINX_503 = `<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

const MAINTENANCE_PAGE = `<!DOCTYPE html><html lang="en"><head><title>Sorry, the service is unavailable - GOV.UK</title></head><body><h1>Sorry, the service is unavailable</h1><p>You will be able to use the service later.</p></body></html>`;

export function createServicesApp(options: CreateServicesAppOptions): Hono<Env> {
  const app = new Hono<Env>();
  const { kubernetes } = options;

  const find = (c: C): { environment: EnvironmentDefinition; service: ServiceDefinition } | undefined => {
    const envKey = c.req.param("environment");
    const serviceKey = c.req.param("service");
    for (const service of options.services) {
      if (!service.services.some((s) => s.key === serviceKey)) continue;
      const environment = service.environments.find((e) => e.key === envKey);
      if (environment) return { environment, service };
    }
    return undefined;
  };

  app.use("*", async (c, next) => {
    const fault = await takeRequestFault({ faults: options.context.faults, standIn: "services", path: c.req.path, bindings: c.env });
    if (fault.kind === "connectionReset") return new Response(null, { status: 500 });
    if (fault.kind === "tooManyRequests") return c.text("Too Many Requests", 429, { "retry-after": String(fault.retryAfterSeconds) });
    if (fault.kind === "serverError") return c.text("Internal Server Error", 500);
    await next();
  });

  app.get("/:environment/sandbox-writer", (c) => {
    const writer = options.writers.get(c.req.param("environment"));
    return writer ? c.json(writer.stats) : c.json({ message: "Not Found" }, 404);
  });

  const site = new Hono<Env>();
  site.use("*", async (c, next) => {
    const target = find(c);
    if (!target) return c.text("Not Found", 404);
    const { environment } = target;
    if (kubernetes.isInMaintenance(environment.key)) return c.html(MAINTENANCE_PAGE, 503);
    if (kubernetes.readyReplicas(environment.kubernetes.namespace, environment.kubernetes.web.name) === 0) {
      return c.html(NGINX_503, 503, { server: "nginx" });
    }
    await next();
  });

  const checks = async (c: C) => {
    const target = find(c) as { environment: EnvironmentDefinition };
    return runHealthChecks({ context: options.context, kubernetes, pools: options.pools, environment: target.environment });
  };
  site.get("/health", async (c) => {
    // The Kubernetes probe path: the default check only.
    const results = (await checks(c)).filter((r) => r.name === "default");
    return c.text(healthText(results).trimStart(), healthStatus(results));
  });
  site.get("/health/all", async (c) => {
    const results = await checks(c);
    return c.text(healthText(results), healthStatus(results));
  });
  site.get("/health/all.json", async (c) => {
    const results = await checks(c);
    return c.json(healthJson(results), healthStatus(results));
  });
  site.get("/health/:check{[a-z_]+(\\.json)?}", async (c) => {
    const name = c.req.param("check").replace(/\.json$/, "");
    const result = (await checks(c)).find((r) => r.name === name);
    if (!result) return c.text(`No matching check`, 404);
    if (c.req.param("check").endsWith(".json")) return c.json(healthJson([result]), result.success ? 200 : 500);
    return c.text(healthText([result]).trimStart(), result.success ? 200 : 500);
  });
  site.get("/", (c) => {
    const target = find(c) as { environment: EnvironmentDefinition; service: ServiceDefinition };
    const name = target.service.services.find((s) => s.key === c.req.param("service"))?.name ?? "";
    return c.html(`<!DOCTYPE html><html lang="en"><head><title>${name} (${target.environment.label}, sandbox)</title></head><body><h1>${name}</h1><p>Sandbox ${target.environment.label} environment. Health: <a href="health/all">health/all</a></p></body></html>`);
  });

  app.route("/:environment/:service", site);
  return app;
}
