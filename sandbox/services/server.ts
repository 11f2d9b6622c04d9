import { catalogue } from "@/lib/catalogue/catalogue";
import type { SandboxContext } from "../context";
import type { KubernetesState } from "../kubernetes/state";
import { ActivityWriter, type WriterStats } from "./activity-writer";
import { createServicesApp } from "./create-services-app";
import { DatabasePools } from "./database-pools";
import { listenOnLoopback } from "./http/listen-on-loopback";

/**
 * The sandbox's AYTQ and CTR apps for every catalogue environment, on one loopback port, routed by path:
 * `<url>/<environment>/<service>/health/all` (and `/health/all.json`, `/health`, `/health/<check>`). They check the
 * environment's live server for real, are down (503) while the web deployment has no ready pod, and keep writing
 * rows while the worker runs. `<url>/<environment>/sandbox-writer` shows what the writer did (a sandbox extra).
 */

export interface StartServicesOptions {
  context: SandboxContext;
  kubernetes: KubernetesState;
  port?: number;
  /** Time between two rows the worker writes. Default 500 ms. */
  writerIntervalMs?: number;
}

export interface SandboxServices {
  url: string;
  /** environment key -> service key (aytq, ctr) -> `.../health/all` URL. */
  healthUrls: Record<string, Record<string, string>>;
  /** What each environment's writer has done so far (by environment key). */
  writerStats(): Record<string, WriterStats>;
  stop(): Promise<void>;
}

export async function startServices(options: StartServicesOptions): Promise<SandboxServices> {
  const pools = new DatabasePools();
  const writers = new Map<string, ActivityWriter>();
  for (const service of catalogue) {
    for (const environment of service.environments) {
      writers.set(environment.key, new ActivityWriter({ context: options.context, kubernetes: options.kubernetes, pools, environment, intervalMs: options.writerIntervalMs ?? 500 }));
    }
  }
  const app = createServicesApp({ context: options.context, kubernetes: options.kubernetes, pools, services: catalogue, writers });
  const server = await listenOnLoopback({ fetch: (request, bindings) => app.fetch(request, bindings), port: options.port });
  for (const writer of writers.values()) writer.start();

  const healthUrls: Record<string, Record<string, string>> = {};
  for (const service of catalogue) {
    for (const environment of service.environments) {
      healthUrls[environment.key] = Object.fromEntries(service.services.map((s) => [s.key, `${server.url}/${environment.key}/${s.key}/health/all`]));
    }
  }
  return {
    url: server.url,
    healthUrls,
    writerStats: () => Object.fromEntries([...writers].map(([k, w]) => [k, { ...w.stats }])),
    async stop() {
      await Promise.all([...writers.values()].map((w) => w.stop()));
      await server.stop();
      await pools.closeAll();
    },
  };
}
