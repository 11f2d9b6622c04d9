import { catalogue } from "@/lib/catalogue/catalogue";
import type { SandboxContext } from "../context";
import type { KubernetesState } from "../kubernetes/state";
import { listenOnLoopback } from "../services/http/listen-on-loopback";
import { createGithubApi } from "./create-api";
import { RepositoryStore } from "./repositories";
import { RunEngine, type RunTiming } from "./runs/run-engine";
import { findWorkflow } from "./workflows/registry";

/**
 * The GitHub stand-in: the REST API of the catalogue's repositories (branch protection, Actions) on 127.0.0.1,
 * whose workflows do their real work in the sandbox (pg_dump into Azurite, psql restores, ARM restores and
 * recreation, maintenance mode). Use its `url` as Octokit's `baseUrl`. Scheduled workflows (the nightly backup at
 * 04:00 UTC) run on schedule while it is up.
 */

export interface StartGithubStandInOptions {
  context: SandboxContext;
  port?: number;
  /** Lets manual-deploy.yml set images and replicas, and maintenance.yml switch the ingress, as the real ones do. */
  kubernetes?: KubernetesState;
  /** Run timing; defaults suit a person watching (a run takes some seconds). Tests make it fast. */
  timing?: Partial<RunTiming>;
  /** Login of the user each token stands for; other tokens are `defaultActor` (default "dr-console-sandbox"). */
  actors?: Record<string, string>;
  defaultActor?: string;
  /** Run the scheduled workflows at their time of day (default true). */
  schedules?: boolean;
}

export interface GithubStandIn {
  url: string;
  stop(): Promise<void>;
}

export const DEFAULT_RUN_TIMING: RunTiming = { queueMs: 2000, stepMs: 800, pollIntervalMs: 2000 };

function msUntilNext(timeUtc: string): number {
  const [h = 0, m = 0] = timeUtc.split(":").map(Number);
  const now = new Date();
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), h, m);
  return next > now.getTime() ? next - now.getTime() : next + 24 * 3600 * 1000 - now.getTime();
}

export async function startGithubStandIn(options: StartGithubStandInOptions): Promise<GithubStandIn> {
  const { context } = options;
  const repositories = new RepositoryStore(catalogue);
  const engine = new RunEngine({ context, kubernetes: options.kubernetes, services: catalogue, timing: { ...DEFAULT_RUN_TIMING, ...options.timing } });
  let base = "";
  const urls = () => ({ api: base, web: base });
  const api = createGithubApi({
    repositories,
    engine,
    faults: context.faults,
    counters: context.counters,
    urls,
    actors: options.actors ?? {},
    defaultActor: options.defaultActor ?? "dr-console-sandbox",
  });
  const server = await listenOnLoopback({ fetch: (request, bindings) => api.fetch(request, bindings), port: options.port });
  base = server.url;

  const scheduleTimers: NodeJS.Timeout[] = [];
  if (options.schedules ?? true) {
    const backup = findWorkflow("database-backup.yml");
    for (const repository of repositories.all()) {
      if (!backup?.scheduleUtc) continue;
      const fire = () => {
        context.counters.increment(`github:schedule ${backup.file}`);
        engine.dispatch({ owner: repository.owner, repo: repository.repo, service: repository.service, workflow: backup, inputs: {}, actor: "github-actions[bot]", ref: repository.defaultBranch, headSha: repository.headSha, event: "schedule" });
        scheduleTimers.push(setTimeout(fire, msUntilNext(backup.scheduleUtc ?? "04:00")).unref());
      };
      scheduleTimers.push(setTimeout(fire, msUntilNext(backup.scheduleUtc)).unref());
    }
  }

  return {
    url: server.url,
    async stop() {
      for (const t of scheduleTimers) clearTimeout(t);
      await engine.stop();
      await server.stop();
    },
  };
}
