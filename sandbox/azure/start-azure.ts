import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { catalogue } from "@/lib/catalogue/catalogue";
import type { Faults, OperationCounters } from "../faults";
import { listen } from "../control/listen";
import { historyDatabaseName, instanceId, instancePrefix, newServerKey } from "../data/names";
import { listDatabases } from "../data/pg";
import { ServerData } from "../data/server-data";
import { createArmApp } from "./arm-app";
import { ensureCertificates } from "./certificates";
import { FlexibleServers, type CatalogueServer } from "./flexible-servers";
import { DiagnosticSettings, productionSettingProperties } from "./insights";
import { privateNetwork } from "./server-body";
import { AzureState, emptyState, serverResourceId, type ServerRecord } from "./state";
import { TIMINGS, type SandboxSpeed } from "./timings";

/**
 * Starts the Azure half of the sandbox: the emulated flexible servers and their data, Microsoft.Insights,
 * and the ARM stand-in over HTTPS. Seeds every catalogue environment's server on a fresh state folder.
 */

export interface StartAzureOptions {
  adminDatabaseUrl: string;
  stateDir: string;
  speed: SandboxSpeed;
  port?: number;
  faults: Faults;
  counters: OperationCounters;
  log: (message: string) => void;
  /** Rows of `teachers` per seeded server (smaller seeds start faster). */
  seedTeachers?: number;
}

export interface AzureSandbox {
  url: string;
  caFile: string;
  token: string;
  tenantId: string;
  state: AzureState;
  servers: FlexibleServers;
  data: ServerData;
  retentionDays: number;
  /** True when this start seeded the servers (a fresh state folder): storage seeds its backups then. */
  seeded: boolean;
  serverDatabaseUrl(serverName: string): Promise<string | undefined>;
  /** The catalogue's servers, for the control API and backups. */
  catalogueServers: CatalogueServer[];
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const TENANT_ID = "9c7d9dd3-840c-4b3f-818e-552865082e16";
const RETENTION_DAYS = 7;

async function ensureToken(stateDir: string): Promise<string> {
  const file = path.join(stateDir, "arm-token");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const token = `sandbox.${randomBytes(24).toString("base64url")}`;
  await writeFile(file, token, { mode: 0o600 });
  return token;
}

export function catalogueServers(): CatalogueServer[] {
  return catalogue.flatMap((service) =>
    service.environments.map((e) => ({
      service: service.key,
      environment: e.key,
      production: e.production,
      subscriptionId: e.subscriptionId,
      resourceGroup: e.resourceGroup,
      name: e.postgres.server,
    })),
  );
}

async function seed(state: AzureState, data: ServerData, options: StartAzureOptions): Promise<void> {
  const now = new Date();
  state.data = emptyState();
  const jobs = catalogue.flatMap((service) =>
    service.environments.map(async (e) => {
      const server: ServerRecord = {
        key: newServerKey(),
        name: e.postgres.server,
        subscriptionId: e.subscriptionId,
        resourceGroup: e.resourceGroup,
        location: e.location,
        state: "Ready",
        createMode: "Seeded",
        // Made by terraform long ago; its backups reach back over the whole retention window.
        createdAt: new Date(Date.UTC(2024, 2, 12, 10, 41, 7)).toISOString(),
        createdBy: "terraform@teacher-services.education.gov.uk",
        historyStartsAt: new Date(now.getTime() - (e.postgres.retentionDays + 1) * 86_400_000).toISOString(),
        environment: { service: service.key, key: e.key, production: e.production },
        version: e.postgres.version,
        sku: e.production ? { name: "Standard_D2ds_v4", tier: "GeneralPurpose" } : { name: "Standard_B2s", tier: "Burstable" },
        storageSizeGB: e.production ? 128 : 32,
        administratorLogin: "psqladmin",
        tags: { Environment: e.label, Product: service.name, "Service Offering": service.name },
        network: privateNetwork(e.subscriptionId, e.kubernetes.clusterResourceGroup),
      };
      server.database = await data.seedServer({
        serverKey: server.key,
        serverName: server.name,
        seed: `${service.key}-${e.key}`,
        now,
        recentDays: e.postgres.retentionDays + 1,
        teachers: options.seedTeachers,
      });
      state.data.servers.push(server);
      if (e.leftoverDiagnosticSetting) {
        state.data.diagnosticSettings.push({
          resourceId: serverResourceId(server),
          name: e.leftoverDiagnosticSetting,
          properties: productionSettingProperties(e.subscriptionId, e.kubernetes.clusterResourceGroup),
        });
      }
    }),
  );
  await Promise.all(jobs);
  await state.save();
}

async function databasesPresent(adminUrl: string, stateDir: string, state: AzureState): Promise<boolean> {
  const existing = new Set(await listDatabases(adminUrl, instancePrefix(instanceId(stateDir))));
  return state.data.servers.every((s) => !s.database || existing.has(s.database)) && existing.has(historyDatabaseName(instanceId(stateDir)));
}

export async function startAzure(options: StartAzureOptions): Promise<AzureSandbox> {
  const timings = TIMINGS[options.speed];
  const stateFile = path.join(options.stateDir, "azure-state.json");
  const certificates = await ensureCertificates(options.stateDir);
  const token = await ensureToken(options.stateDir);

  let state = await AzureState.load(stateFile);
  if (state && !(await databasesPresent(options.adminDatabaseUrl, options.stateDir, state))) {
    options.log("the databases of the saved state are gone (another PostgreSQL server?): starting from the seed");
    state = undefined;
  }
  // Without a (usable) state file, whatever databases an earlier run left are unknown: start clean.
  if (!state) await ServerData.destroyAll({ adminUrl: options.adminDatabaseUrl, stateDir: options.stateDir });
  const data = await ServerData.open({
    adminUrl: options.adminDatabaseUrl,
    stateDir: options.stateDir,
    baseCopyIntervalMs: timings.baseCopyIntervalMs,
    retentionDays: RETENTION_DAYS,
    log: options.log,
  });
  const seeded = !state;
  if (!state) {
    state = new AzureState(stateFile);
    options.log("seeding the emulated servers");
    await seed(state, data, options);
  } else {
    for (const server of state.data.servers) if (server.database) data.attach(server.key, server.database);
  }

  const known = catalogueServers();
  const servers = new FlexibleServers({ state, data, timings, faults: options.faults, retentionDays: RETENTION_DAYS, catalogueServers: known, log: options.log });
  const scopes = new Map<string, Set<string>>();
  for (const s of known) {
    const groups = scopes.get(s.subscriptionId.toLowerCase()) ?? new Set<string>();
    groups.add(s.resourceGroup.toLowerCase());
    scopes.set(s.subscriptionId.toLowerCase(), groups);
  }
  const app = createArmApp({
    servers,
    diagnosticSettings: new DiagnosticSettings(state),
    state,
    token,
    tenantId: TENANT_ID,
    faults: options.faults,
    counters: options.counters,
    scopes,
    retryAfterSeconds: timings.retryAfterSeconds,
    caller: "sandbox.user@education.gov.uk",
    log: options.log,
  });
  const server = await listen({ app, port: options.port, tls: { certPem: certificates.certPem, keyPem: certificates.keyPem } });

  let paused = false;
  let ticking: Promise<void> | undefined;
  const tick = async () => {
    if (paused || ticking) return;
    ticking = (async () => {
      try {
        await servers.tick();
        await data.tick();
      } catch (error) {
        options.log(`tick failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    })().finally(() => (ticking = undefined));
    await ticking;
  };
  const timer = setInterval(() => void tick(), timings.tickMs);
  const stateNow = state;

  return {
    url: server.url,
    caFile: certificates.caFile,
    token,
    tenantId: TENANT_ID,
    state: stateNow,
    servers,
    data,
    retentionDays: RETENTION_DAYS,
    seeded,
    catalogueServers: known,
    async serverDatabaseUrl(serverName: string) {
      const found = stateNow.server(serverName);
      if (!found || found.state !== "Ready" || !found.database) return undefined;
      return data.databaseUrl(found.database);
    },
    async reset() {
      paused = true;
      try {
        await ticking;
        await servers.settle();
        await data.resetAll();
        await seed(stateNow, data, options);
      } finally {
        paused = false;
      }
    },
    async stop() {
      clearInterval(timer);
      paused = true;
      await ticking;
      await server.stop();
      await servers.settle();
      await stateNow.save();
      await data.close();
    },
  };
}
