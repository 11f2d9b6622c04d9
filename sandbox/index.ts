import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { startAzure } from "./azure/start-azure";
import type { SandboxSpeed } from "./azure/timings";
import type { SandboxContext } from "./context";
import { createControlApp } from "./control/control-app";
import { writeEndpoints, type SandboxEndpoints } from "./control/endpoints";
import { listen } from "./control/listen";
import { ServerData } from "./data/server-data";
import { Faults, OperationCounters } from "./faults";
import { backupAccounts, startStorage } from "./storage/start-storage";

/**
 * Starts the whole sandbox on 127.0.0.1: the ARM stand-in (HTTPS) with real PostgreSQL databases behind its
 * servers, Azurite with the backup accounts, the GitHub, Kubernetes and services stand-ins, and the control
 * API; writes `<stateDir>/endpoints.json`. Free ports unless told otherwise. See sandbox/README.md.
 */

export type SandboxPart = "arm" | "github" | "kubernetes" | "services" | "control" | "azurite";

export interface StartSandboxOptions {
  /** `postgres` database URL of the PostgreSQL server that holds every emulated server's data. */
  adminDatabaseUrl: string;
  /** Default `.sandbox` (git-ignored). Its files and databases are found again on the next start. */
  stateDir?: string;
  ports?: Partial<Record<SandboxPart, number>>;
  /** `fast` (default; operations take seconds) or `realistic` (minutes, as in Azure). */
  speed?: SandboxSpeed;
  /** Drop every database and the state folder on stop (tests). */
  ephemeral?: boolean;
  seed?: {
    /** Nightly backups seeded into each backup account on a fresh sandbox (default 3; 0 for none). */
    nights?: number;
    /** Rows of `teachers` per seeded server (default 240). */
    teachers?: number;
  };
  /** Which of the other stand-ins to start (all by default); a test of one part can leave the rest out. */
  standIns?: Partial<Record<"github" | "kubernetes" | "services", boolean>>;
  log?: (message: string) => void;
}

export interface StartedSandbox {
  context: SandboxContext;
  endpoints: SandboxEndpoints;
  stop(): Promise<void>;
}

export type { SandboxEndpoints } from "./control/endpoints";
export type { SandboxContext } from "./context";

type GithubEntry = typeof import("./github/server");
type KubernetesEntry = typeof import("./kubernetes/server");
type ServicesEntry = typeof import("./services/server");

/**
 * The other stand-ins are loaded only when their entry file exists, so that each part can be built and
 * tested on its own; a missing part is logged and listed in endpoints.json's `missing`.
 */
async function loadPart<T>(relative: string): Promise<T | undefined> {
  const file = path.join(import.meta.dirname, relative);
  if (!existsSync(file)) return undefined;
  return (await import(pathToFileURL(file).href)) as T;
}

export async function startSandbox(options: StartSandboxOptions): Promise<StartedSandbox> {
  const stateDir = path.resolve(options.stateDir ?? ".sandbox");
  await mkdir(stateDir, { recursive: true });
  const log = options.log ?? ((m: string) => console.log(`[sandbox] ${m}`));
  const speed = options.speed ?? "fast";
  const ports = options.ports ?? {};
  const faults = new Faults();
  const counters = new OperationCounters();
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e) => log(`stop failed: ${e instanceof Error ? e.message : String(e)}`));
    stops.length = 0;
    if (options.ephemeral) {
      await ServerData.destroyAll({ adminUrl: options.adminDatabaseUrl, stateDir }).catch(() => undefined);
      await rm(stateDir, { recursive: true, force: true });
    }
  };

  try {
    const azure = await startAzure({ adminDatabaseUrl: options.adminDatabaseUrl, stateDir, speed, port: ports.arm, faults, counters, log, seedTeachers: options.seed?.teachers });
    stops.push(() => azure.stop());
    const storage = await startStorage({ stateDir, port: ports.azurite, data: azure.data, state: azure.state, seedNights: azure.seeded ? (options.seed?.nights ?? 3) : 0, log });
    stops.push(() => storage.stop());

    const context: SandboxContext = {
      adminDatabaseUrl: options.adminDatabaseUrl,
      stateDir,
      arm: { url: azure.url, caFile: azure.caFile, token: azure.token },
      storage: { connectionString: (a) => storage.connectionString(a), blobUrl: (a) => storage.blobUrl(a) },
      serverDatabaseUrl: (name) => azure.serverDatabaseUrl(name),
      faults,
      counters,
    };

    const missing: string[] = [];
    const wanted = { github: true, kubernetes: true, services: true, ...options.standIns };
    const kubernetes = wanted.kubernetes ? await loadPart<KubernetesEntry>("kubernetes/server.ts") : undefined;
    const kubernetesStandIn = kubernetes ? await kubernetes.startKubernetesStandIn({ context, port: ports.kubernetes }) : undefined;
    if (kubernetesStandIn) stops.push(() => kubernetesStandIn.stop());
    else missing.push("kubernetes");
    // The workflows scale and deploy through the cluster's state; the apps run only while their pods do.
    const github = wanted.github ? await loadPart<GithubEntry>("github/server.ts") : undefined;
    const githubStandIn = github ? await github.startGithubStandIn({ context, port: ports.github, kubernetes: kubernetesStandIn?.state }) : undefined;
    if (githubStandIn) stops.push(() => githubStandIn.stop());
    else missing.push("github");
    const services = wanted.services && kubernetesStandIn ? await loadPart<ServicesEntry>("services/server.ts") : undefined;
    const servicesStandIn = services && kubernetesStandIn ? await services.startServices({ context, port: ports.services, kubernetes: kubernetesStandIn.state }) : undefined;
    if (servicesStandIn) stops.push(() => servicesStandIn.stop());
    else missing.push("services");
    if (missing.length) log(`not started (left out, or no entry file yet): ${missing.join(", ")}`);

    let endpoints: SandboxEndpoints | undefined;
    const control = await listen({
      app: createControlApp({
        azure,
        faults,
        counters,
        endpoints: () => endpoints,
        reset: async () => {
          faults.clear();
          await azure.reset();
          await storage.reset();
          counters.reset();
        },
      }),
      port: ports.control,
    });
    stops.push(() => control.stop());

    endpoints = {
      version: 1,
      startedAt: new Date().toISOString(),
      stateDir,
      speed,
      control: { url: control.url },
      arm: { url: azure.url, caFile: azure.caFile, token: azure.token, tenantId: azure.tenantId },
      storage: {
        url: storage.url,
        accounts: Object.fromEntries(backupAccounts().map((a) => [a.account, { connectionString: storage.connectionString(a.account), blobUrl: storage.blobUrl(a.account), container: a.container }])),
      },
      github: githubStandIn ? { url: githubStandIn.url } : null,
      kubernetes: kubernetesStandIn ? { url: kubernetesStandIn.url, kubeconfigFile: kubernetesStandIn.kubeconfigFile } : null,
      services: servicesStandIn ? { url: servicesStandIn.url, healthUrls: servicesStandIn.healthUrls } : null,
      missing,
    };
    await writeEndpoints(path.join(stateDir, "endpoints.json"), endpoints);
    const published = endpoints;
    return { context, endpoints: published, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
