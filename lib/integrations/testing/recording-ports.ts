import { readFileSync, writeFileSync, existsSync, renameSync } from "node:fs";
import type { EnvironmentDefinition, ServiceDefinition } from "../../catalogue/schema";
import { serverResourceId } from "../../catalogue/catalogue";
import { IntegrationError } from "../../errors";
import type { IntegrationPorts } from "../../engine/ports";
import type { DiagnosticSetting, ServerDeletion } from "../azure-monitor/port";
import type { FlexibleServer, LongOperation } from "../azure-postgres/port";
import type { BackupBlob } from "../backup-storage/port";
import type { WorkflowRun } from "../github/port";
import type { DeploymentStatus } from "../kubernetes/port";

/**
 * TEST SUPPORT ONLY: port doubles with a small in-memory (or file-backed) world, for the engine's own tests (the real
 * adapters are tested against the sandbox: lib/integrations/*.integration.test.ts). They honour the port contracts (look-up by idempotency key
 * before creating anything) and count, per key, how often a send was called and how often something was created,
 * so tests can prove "sent once". The file-backed form lets a killed child process and its successor share the
 * world (crash test). Faults: `failNext[method]`.
 */

export interface FakeRun {
  id: number;
  workflowFile: string;
  inputs: Record<string, string>;
  idempotencyKey: string;
  status: WorkflowRun["status"];
  conclusion: WorkflowRun["conclusion"];
  /** Polls left before it completes. */
  pollsLeft: number;
  /** How it ends: success, failure, or a success whose job was skipped. */
  ending: "success" | "failure" | "skipped-job";
  createdAt: string;
}

export interface FakeWorld {
  servers: Record<string, FlexibleServer>;
  deletions: Record<string, ServerDeletion>;
  diagnosticSettings: Record<string, DiagnosticSetting[]>;
  blobs: Record<string, BackupBlob[]>;
  approvals: Record<string, number>;
  deployments: Record<string, DeploymentStatus>;
  health: Record<string, { passed: boolean; failing?: string[] }>;
  /** What the database double counts as written after a restore point, per table. */
  rowsWrittenSince: Record<string, number>;
  runs: Record<string, FakeRun>;
  lros: Record<string, { server: string; pollsLeft: number }>;
  /** Where the backup workflow writes (account/container) and the server the deploy recreates. */
  backupContainer: string | null;
  liveServer: ServerRefLite | null;
  /** Behaviour. */
  workflowPolls: number;
  workflowEndings: Record<string, FakeRun["ending"]>;
  armPolls: number;
  failNext: Record<string, { count: number; retryable: boolean; message?: string }>;
  /** Crash tests: after this method has done its work and saved it, the process kills itself (SIGKILL). */
  dieAfter: Record<string, number>;
  /** Evidence. */
  sendCalls: Record<string, number>;
  created: Record<string, number>;
  keyToExternal: Record<string, string>;
  calls: string[];
  nextId: number;
}

interface ServerRefLite {
  subscriptionId: string;
  resourceGroup: string;
  server: string;
}

export function emptyWorld(): FakeWorld {
  return {
    servers: {}, deletions: {}, diagnosticSettings: {}, blobs: {}, approvals: {}, deployments: {}, health: {}, rowsWrittenSince: {}, runs: {}, lros: {},
    backupContainer: null, liveServer: null, workflowPolls: 1, workflowEndings: {}, armPolls: 1, failNext: {}, dieAfter: {},
    sendCalls: {}, created: {}, keyToExternal: {}, calls: [], nextId: 1000,
  };
}

/** A world matching a catalogue environment in good health: the live server Ready, apps at their usual replicas. */
export function worldFor(service: ServiceDefinition, environment: EnvironmentDefinition, overrides: Partial<FakeWorld> = {}): FakeWorld {
  const world = emptyWorld();
  const live = { subscriptionId: environment.subscriptionId, resourceGroup: environment.resourceGroup, server: environment.postgres.server };
  world.liveServer = live;
  world.servers[live.server] = server(environment, live.server);
  for (const d of [environment.kubernetes.web, environment.kubernetes.worker]) {
    const n = d.normalReplicas;
    world.deployments[`${environment.kubernetes.namespace}/${d.name}`] = {
      namespace: environment.kubernetes.namespace, name: d.name, replicas: n, totalReplicas: n, readyReplicas: n, availableReplicas: n, updatedReplicas: n, generation: 1, observedGeneration: 1, stalled: null,
    };
  }
  world.approvals[`${service.repository.owner}/${service.repository.repo}@${service.repository.branch}`] = service.freeze.usualApprovals;
  if (environment.backupStorage) {
    world.backupContainer = `${environment.backupStorage.account}/${environment.backupStorage.container}`;
    world.blobs[world.backupContainer] = [];
  }
  return { ...world, ...overrides };
}

function server(environment: EnvironmentDefinition, name: string, extra: Partial<FlexibleServer> = {}): FlexibleServer {
  return { name, resourceId: serverResourceId(environment, name), state: "Ready", location: environment.location, version: "16", tags: {}, ...extra };
}

export interface RecordingPorts {
  ports: IntegrationPorts;
  /** The current world (read from the file when file-backed). */
  world(): FakeWorld;
  /** Changes the world (saved to the file when file-backed). */
  update(change: (world: FakeWorld) => void): void;
}

export function createRecordingPorts(options: { world?: FakeWorld; file?: string; environment?: EnvironmentDefinition } = {}): RecordingPorts {
  let memory = options.world ?? emptyWorld();
  const file = options.file;
  if (file && !existsSync(file)) writeFileSync(file, JSON.stringify(memory));
  const load = (): FakeWorld => (file ? (JSON.parse(readFileSync(file, "utf8")) as FakeWorld) : memory);
  const save = (world: FakeWorld) => {
    if (!file) {
      memory = world;
      return;
    }
    writeFileSync(`${file}.tmp`, JSON.stringify(world));
    renameSync(`${file}.tmp`, file);
  };
  /** Every call: load, apply, save, synchronously (atomic within the process). */
  function act<T>(method: string, fn: (world: FakeWorld) => T): Promise<T> {
    const world = load();
    world.calls.push(method);
    const fault = world.failNext[method];
    if (fault && fault.count > 0) {
      fault.count -= 1;
      save(world);
      return Promise.reject(new IntegrationError(method.split(".")[0]!, fault.message ?? `${method} failed (injected fault)`, { retryable: fault.retryable, requestId: `fake-${world.nextId}` }));
    }
    try {
      const value = fn(world);
      const die = (world.dieAfter?.[method] ?? 0) > 0;
      if (die) world.dieAfter[method]! -= 1;
      save(world);
      // The external system has done it; the caller never hears back: a crash between "sent" and "recorded".
      if (die) process.kill(process.pid, "SIGKILL");
      return Promise.resolve(structuredClone(value));
    } catch (error) {
      save(world);
      return Promise.reject(error);
    }
  }
  const countSend = (world: FakeWorld, key: string) => {
    world.sendCalls[key] = (world.sendCalls[key] ?? 0) + 1;
  };
  const countCreated = (world: FakeWorld, key: string, external: string) => {
    world.created[key] = (world.created[key] ?? 0) + 1;
    world.keyToExternal[key] = external;
  };
  const environment = options.environment;
  const applyRunEffects = (world: FakeWorld, run: FakeRun) => {
    const live = world.liveServer;
    const make = (name: string, extra: Partial<FlexibleServer> = {}) =>
      environment ? server(environment, name, extra) : { name, resourceId: name, state: "Ready", location: "uksouth", tags: {}, ...extra };
    switch (run.workflowFile) {
      case "postgres-recover-deleted-db.yml":
        world.servers[run.inputs["deleted-server"]!] = make(run.inputs["deleted-server"]!, { restoredFrom: { sourceServerResourceId: run.inputs["deleted-server"]!, pointInTimeUtc: `${run.inputs["restore-time"]}Z`, createMode: "ReviveDropped" } });
        break;
      case "database-restore-ptr.yml": {
        const name = run.inputs["new-db-server"] ?? `${live?.server}-ptr`;
        world.servers[name] = make(name, { restoredFrom: { sourceServerResourceId: live?.server ?? "", pointInTimeUtc: `${run.inputs["restore-time"]}Z`, createMode: "PointInTimeRestore" } });
        break;
      }
      case "database-backup.yml":
        if (world.backupContainer) {
          world.blobs[world.backupContainer] ??= [];
          world.blobs[world.backupContainer]!.push({ name: `${run.inputs["backup-file"] ?? "default"}.sql.gz`, createdAt: new Date().toISOString(), sizeBytes: 2048 });
        }
        break;
      case "manual-deploy.yml":
        if (live) world.servers[live.server] = make(live.server);
        break;
      default:
        break;
    }
  };

  const ports: IntegrationPorts = {
    azurePostgres: {
      getServer: (ref) => act("azure-postgres.getServer", (w) => w.servers[ref.server] ?? null),
      beginReviveDropped: () => act("azure-postgres.beginReviveDropped", () => {
        throw new IntegrationError("azure-postgres", "not used by the scenarios (they revive through the workflow)");
      }),
      beginPointInTimeRestore: () => act("azure-postgres.beginPointInTimeRestore", () => {
        throw new IntegrationError("azure-postgres", "not used by the scenarios (they restore through the workflow)");
      }),
      beginDeleteServer: (ref) =>
        act("azure-postgres.beginDeleteServer", (w): LongOperation => {
          countSend(w, ref.idempotencyKey);
          const existing = w.keyToExternal[ref.idempotencyKey];
          if (existing) return { externalId: existing, pollerState: { id: existing }, adopted: true };
          if (ref.guard.protectedServers.includes(ref.server)) throw new IntegrationError("azure-postgres", `Refused: ${ref.server} is a live server.`, { status: 403 });
          if (!w.servers[ref.server]) throw new IntegrationError("azure-postgres", `The server ${ref.server} does not exist.`, { status: 404 });
          const id = `op-${w.nextId++}`;
          w.lros[id] = { server: ref.server, pollsLeft: w.armPolls };
          w.servers[ref.server] = { ...w.servers[ref.server]!, state: "Dropping" };
          countCreated(w, ref.idempotencyKey, id);
          return { externalId: id, externalUrl: `https://management.azure.com/asyncOperations/${id}`, pollerState: { id }, adopted: false };
        }),
      pollOperation: ({ pollerState }) =>
        act("azure-postgres.pollOperation", (w) => {
          const id = (pollerState as { id: string }).id;
          const lro = w.lros[id];
          if (!lro) return { status: "failed" as const, pollerState, error: `unknown operation ${id}` };
          lro.pollsLeft -= 1;
          if (lro.pollsLeft > 0) return { status: "running" as const, pollerState, detail: "InProgress" };
          delete w.servers[lro.server];
          return { status: "succeeded" as const, pollerState };
        }),
    },
    azureMonitor: {
      findServerDeletion: ({ serverResourceId: id }) => act("azure-monitor.findServerDeletion", (w) => w.deletions[id] ?? null),
      listServerActivity: ({ serverResourceId: id }) =>
        act("azure-monitor.listServerActivity", (w) => {
          const deletion = w.deletions[id];
          return deletion ? [{ operation: "Microsoft.DBforPostgreSQL/flexibleServers/delete", status: "Succeeded", eventAt: deletion.deletedAt, submittedAt: deletion.deletedAt }] : [];
        }),
      listDiagnosticSettings: ({ resourceId }) => act("azure-monitor.listDiagnosticSettings", (w) => w.diagnosticSettings[resourceId] ?? []),
      deleteDiagnosticSetting: ({ resourceId, name }) =>
        act("azure-monitor.deleteDiagnosticSetting", (w) => {
          w.diagnosticSettings[resourceId] = (w.diagnosticSettings[resourceId] ?? []).filter((s) => s.name !== name);
        }),
    },
    backupStorage: {
      listBackups: ({ account, container }) => act("backup-storage.listBackups", (w) => w.blobs[`${account}/${container}`] ?? []),
      getBackup: ({ account, container, name }) => act("backup-storage.getBackup", (w) => (w.blobs[`${account}/${container}`] ?? []).find((b) => b.name === name) ?? null),
    },
    github: {
      getRequiredApprovals: (r) => act("github.getRequiredApprovals", (w) => w.approvals[`${r.owner}/${r.repo}@${r.branch}`] ?? 0),
      setRequiredApprovals: (r) =>
        act("github.setRequiredApprovals", (w) => {
          w.approvals[`${r.owner}/${r.repo}@${r.branch}`] = r.count;
        }),
      dispatchWorkflow: (r) =>
        act("github.dispatchWorkflow", (w) => {
          countSend(w, r.idempotencyKey);
          const existing = w.keyToExternal[r.idempotencyKey];
          if (existing) return { runId: Number(existing), url: runUrl(r, Number(existing)), adopted: true };
          const id = w.nextId++;
          w.runs[String(id)] = {
            id, workflowFile: r.workflowFile, inputs: r.inputs, idempotencyKey: r.idempotencyKey, status: "queued", conclusion: null,
            pollsLeft: w.workflowPolls, ending: w.workflowEndings[r.workflowFile] ?? "success", createdAt: new Date().toISOString(),
          };
          countCreated(w, r.idempotencyKey, String(id));
          return { runId: id, url: runUrl(r, id), adopted: false };
        }),
      getWorkflowRun: (r) =>
        act("github.getWorkflowRun", (w): WorkflowRun => {
          const run = w.runs[String(r.runId)];
          if (!run) throw new IntegrationError("github", `There is no workflow run ${r.runId}.`, { status: 404 });
          if (run.status !== "completed") {
            run.pollsLeft -= 1;
            run.status = run.pollsLeft > 0 ? "in_progress" : "completed";
            if (run.status === "completed") {
              run.conclusion = run.ending === "failure" ? "failure" : "success";
              if (run.ending === "success") applyRunEffects(w, run);
            }
          }
          const jobConclusion = run.status !== "completed" ? null : run.ending === "skipped-job" ? "skipped" : run.conclusion;
          return { id: run.id, url: runUrl(r, run.id), status: run.status, conclusion: run.conclusion, createdAt: run.createdAt, jobs: [{ name: "restore", status: run.status, conclusion: jobConclusion }] };
        }),
    },
    kubernetes: {
      getDeployment: (d) => act("kubernetes.getDeployment", (w) => w.deployments[`${d.namespace}/${d.name}`] ?? null),
      scaleDeployment: (d) =>
        act("kubernetes.scaleDeployment", (w) => {
          const found = w.deployments[`${d.namespace}/${d.name}`];
          if (!found) throw new IntegrationError("kubernetes", `deployments.apps "${d.name}" not found`, { status: 404 });
          Object.assign(found, { replicas: d.replicas, totalReplicas: d.replicas, readyReplicas: d.replicas, availableReplicas: d.replicas, updatedReplicas: d.replicas });
        }),
      restartDeployment: (d) =>
        act("kubernetes.restartDeployment", (w) => {
          const found = w.deployments[`${d.namespace}/${d.name}`];
          if (!found) throw new IntegrationError("kubernetes", `deployments.apps "${d.name}" not found`, { status: 404 });
          found.generation += 1;
          found.observedGeneration = found.generation;
        }),
    },
    database: {
      countRowsWrittenSince: ({ since }) =>
        act("database.countRowsWrittenSince", (w) => ({
          tables: { ...w.rowsWrittenSince },
          rowsWrittenAfterRestorePoint: Object.values(w.rowsWrittenSince).reduce((a, b) => a + b, 0),
          since,
          measuredAt: new Date().toISOString(),
        })),
    },
    health: {
      checkHealth: ({ url }) =>
        act("health.checkHealth", (w) => {
          const state = w.health[url] ?? { passed: true };
          const failing = new Set(state.passed ? [] : (state.failing ?? ["database"]));
          const checks = ["default", "database", "postgresql", "database_integrity", "notify"].map((name) => ({
            name, passed: !failing.has(name), message: failing.has(name) ? "FAILED" : "PASSED", optional: false,
          }));
          return { url, httpStatus: state.passed ? 200 : 500, checks, passed: state.passed, checkedAt: new Date().toISOString() };
        }),
    },
  };

  return {
    ports,
    world: load,
    update: (change) => {
      const world = load();
      change(world);
      save(world);
    },
  };
}

function runUrl(r: { owner: string; repo: string }, id: number): string {
  return `https://github.com/${r.owner}/${r.repo}/actions/runs/${id}`;
}
