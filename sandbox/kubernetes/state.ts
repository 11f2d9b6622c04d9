import { createHash, randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { catalogue } from "@/lib/catalogue/catalogue";
import type { ServiceDefinition } from "@/lib/catalogue/schema";
import type { Faults } from "../faults";
import type { DeploymentObject, DeploymentSpec } from "./deployment-object";
import { initialDeployments } from "./initial-deployments";
import { advanceRollout, computeStatus, isRolloutComplete, type RolloutProgress, type SimulatedPod } from "./rollout";

/**
 * The Kubernetes stand-in's clusters, in memory: every catalogue deployment with its simulated pods, and the
 * deployment controller that moves status towards spec a tick at a time. The HTTP API (server.ts) reads and
 * changes it; the sandbox's apps (sandbox/services) watch it to know whether their pods run; the GitHub
 * stand-in's deploy workflow changes images through it.
 */

export interface DeploymentEvent {
  type: "ADDED" | "MODIFIED";
  cluster: string;
  /** A copy: changing it changes nothing. */
  deployment: DeploymentObject;
}

export interface KubernetesStateEvents {
  /** Every change of a deployment (spec, metadata or status), with its new resourceVersion. */
  deployment: [DeploymentEvent];
  /** Maintenance mode switched for an environment (the ingress sends traffic to the maintenance page). */
  maintenance: [{ environment: string; enabled: boolean }];
}

export class DeploymentNotFoundError extends Error {
  constructor(readonly namespace: string, readonly deploymentName: string) {
    super(`deployments.apps "${deploymentName}" not found`);
    this.name = "DeploymentNotFoundError";
  }
}

export class ResourceVersionConflictError extends Error {
  constructor(readonly deploymentName: string) {
    super(`Operation cannot be fulfilled on deployments.apps "${deploymentName}": the object has been modified; please apply your changes to the latest version and try again`);
    this.name = "ResourceVersionConflictError";
  }
}

export class InvalidDeploymentError extends Error {
  constructor(readonly deploymentName: string, readonly causes: { field: string; message: string }[]) {
    super(`Deployment.apps "${deploymentName}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(", ")}`);
    this.name = "InvalidDeploymentError";
  }
}

export interface KubernetesStateOptions {
  /** Time between two steps of a rollout (a new pod becomes ready one step after it starts). Default 1000 ms. */
  rolloutStepMs?: number;
  services?: readonly ServiceDefinition[];
  /** Fault switches: `takeAsyncOutcome("kubernetes")` decides whether a rollout hangs or misses its deadline. */
  faults?: Faults;
}

interface Entry {
  cluster: string;
  environment: string;
  role: "web" | "worker";
  deployment: DeploymentObject;
  progress: RolloutProgress;
  templateHash: string;
  timer?: NodeJS.Timeout;
}

/** The alphabet Kubernetes uses for generated name parts (rand.SafeEncodeString). */
const HASH_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

function newPod(deploymentName: string, templateHash: string, createdAt: string): SimulatedPod {
  const suffix = Array.from(randomBytes(5), (b) => HASH_ALPHABET[b % HASH_ALPHABET.length]).join("");
  return { name: `${deploymentName}-${templateHash}-${suffix}`, templateHash, ready: false, createdAt };
}

function podTemplateHash(spec: DeploymentSpec): string {
  const digest = createHash("sha256").update(JSON.stringify(spec.template)).digest();
  return Array.from(digest.subarray(0, 10), (b) => HASH_ALPHABET[b % HASH_ALPHABET.length]).join("");
}

export class KubernetesState {
  readonly events = new EventEmitter<KubernetesStateEvents>();
  private readonly entries = new Map<string, Entry>();
  private readonly maintenance = new Map<string, boolean>();
  private readonly rolloutStepMs: number;
  private readonly faults: Faults | undefined;
  private version = 1000;
  private stopped = false;

  constructor(options: KubernetesStateOptions = {}) {
    this.rolloutStepMs = options.rolloutStepMs ?? 1000;
    this.faults = options.faults;
    const createdAt = new Date(Date.now() - 12 * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    this.events.setMaxListeners(0);
    for (const item of initialDeployments({ services: options.services ?? catalogue, createdAt })) {
      const d = item.deployment;
      const templateHash = podTemplateHash(d.spec);
      const pods = Array.from({ length: d.spec.replicas }, () => ({ ...newPod(d.metadata.name, templateHash, createdAt), ready: true }));
      const progress: RolloutProgress = { pods, ticks: 0, outcome: "normal" };
      d.metadata.resourceVersion = String(++this.version);
      d.status = computeStatus({ deployment: d, pods, templateHash, replicaSetName: `${d.metadata.name}-${templateHash}`, progress, now: createdAt });
      this.entries.set(this.key(d.metadata.namespace, d.metadata.name), { ...item, progress, templateHash });
    }
  }

  clusters(): string[] {
    return [...new Set([...this.entries.values()].map((e) => e.cluster))];
  }

  namespaces(cluster: string): string[] {
    return [...new Set([...this.entries.values()].filter((e) => e.cluster === cluster).map((e) => e.deployment.metadata.namespace))];
  }

  /** The current resourceVersion of the whole store (what a list answers). */
  resourceVersion(): string {
    return String(this.version);
  }

  /** Deployments of a cluster, optionally of one namespace, in name order. */
  list(cluster: string, namespace?: string): DeploymentObject[] {
    return [...this.entries.values()]
      .filter((e) => e.cluster === cluster && (namespace === undefined || e.deployment.metadata.namespace === namespace))
      .map((e) => structuredClone(e.deployment))
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }

  /** A deployment of a cluster (undefined when the cluster does not hold it). */
  get(cluster: string, namespace: string, name: string): DeploymentObject | undefined {
    const entry = this.entries.get(this.key(namespace, name));
    return entry && entry.cluster === cluster ? structuredClone(entry.deployment) : undefined;
  }

  /** A deployment by namespace and name, whichever cluster holds it (namespaces are unique across clusters). */
  find(namespace: string, name: string): { cluster: string; environment: string; role: "web" | "worker"; deployment: DeploymentObject } | undefined {
    const entry = this.entries.get(this.key(namespace, name));
    return entry && { cluster: entry.cluster, environment: entry.environment, role: entry.role, deployment: structuredClone(entry.deployment) };
  }

  /** The pods of a cluster's deployments (optionally of one namespace), as the rollouts have them now. */
  pods(cluster: string, namespace?: string): { deployment: DeploymentObject; templateHash: string; pod: SimulatedPod }[] {
    return [...this.entries.values()]
      .filter((e) => e.cluster === cluster && (namespace === undefined || e.deployment.metadata.namespace === namespace))
      .flatMap((e) => e.progress.pods.map((pod) => ({ deployment: structuredClone(e.deployment), templateHash: e.templateHash, pod: { ...pod } })))
      .sort((a, b) => a.pod.name.localeCompare(b.pod.name));
  }

  /** Pods of the deployment that are running and ready (what serves traffic or processes jobs). */
  readyReplicas(namespace: string, name: string): number {
    return this.entries.get(this.key(namespace, name))?.deployment.status.readyReplicas ?? 0;
  }

  /**
   * Changes a deployment's spec or metadata through `change`, as an update through the API does: rejects a stale
   * resourceVersion, validates, bumps generation when the spec changed, and starts the rollout.
   */
  update(options: {
    cluster?: string;
    namespace: string;
    name: string;
    expectedResourceVersion?: string;
    /** Validate and answer what the object would become, changing nothing (`?dryRun=All`). */
    dryRun?: boolean;
    change: (deployment: DeploymentObject) => DeploymentObject;
  }): DeploymentObject {
    const entry = this.entries.get(this.key(options.namespace, options.name));
    if (!entry || (options.cluster !== undefined && entry.cluster !== options.cluster)) {
      throw new DeploymentNotFoundError(options.namespace, options.name);
    }
    const current = entry.deployment;
    if (options.expectedResourceVersion && options.expectedResourceVersion !== current.metadata.resourceVersion) {
      throw new ResourceVersionConflictError(options.name);
    }
    const proposed = options.change(structuredClone(current));
    validate(options.name, proposed);
    if (JSON.stringify(proposed.spec.selector) !== JSON.stringify(current.spec.selector)) {
      throw new InvalidDeploymentError(options.name, [{ field: "spec.selector", message: "Invalid value: field is immutable" }]);
    }
    // Only spec, labels and annotations can be changed by a client; identity and status stay the server's.
    const next: DeploymentObject = {
      ...current,
      metadata: { ...current.metadata, labels: proposed.metadata.labels ?? {}, annotations: proposed.metadata.annotations ?? {} },
      spec: proposed.spec,
    };
    const specChanged = JSON.stringify(current.spec) !== JSON.stringify(next.spec);
    const metadataChanged = JSON.stringify(current.metadata) !== JSON.stringify(next.metadata);
    if (!specChanged && !metadataChanged) return structuredClone(current);
    if (options.dryRun) {
      if (specChanged) next.metadata.generation = current.metadata.generation + 1;
      return structuredClone(next);
    }
    if (specChanged) {
      next.metadata.generation = current.metadata.generation + 1;
      const hash = podTemplateHash(next.spec);
      if (hash !== entry.templateHash) {
        const revision = Number(current.metadata.annotations["deployment.kubernetes.io/revision"] ?? "1") + 1;
        next.metadata.annotations = { ...next.metadata.annotations, "deployment.kubernetes.io/revision": String(revision) };
        entry.templateHash = hash;
      }
      entry.progress = { pods: entry.progress.pods, ticks: 0, outcome: this.faults?.takeAsyncOutcome("kubernetes") ?? "normal" };
    }
    entry.deployment = next;
    this.commit(entry);
    if (specChanged) this.scheduleRollout(entry);
    return structuredClone(entry.deployment);
  }

  /** Sets spec.replicas (what `kubectl scale` does). */
  scale(options: { namespace: string; name: string; replicas: number }): DeploymentObject {
    return this.update({ ...options, change: (d) => ({ ...d, spec: { ...d.spec, replicas: options.replicas } }) });
  }

  /** Sets the image of every container (what a deploy does). */
  setImage(options: { namespace: string; name: string; image: string }): DeploymentObject {
    return this.update({
      ...options,
      change: (d) => {
        for (const c of d.spec.template.spec.containers) c.image = options.image;
        return d;
      },
    });
  }

  setMaintenance(options: { environment: string; enabled: boolean }): void {
    this.maintenance.set(options.environment, options.enabled);
    this.events.emit("maintenance", { environment: options.environment, enabled: options.enabled });
  }

  isInMaintenance(environment: string): boolean {
    return this.maintenance.get(environment) ?? false;
  }

  /** Stops every rollout timer (the stand-in is shutting down). */
  stop(): void {
    this.stopped = true;
    for (const e of this.entries.values()) clearTimeout(e.timer);
  }

  private key(namespace: string, name: string): string {
    return `${namespace}/${name}`;
  }

  private commit(entry: Entry): void {
    entry.deployment.metadata.resourceVersion = String(++this.version);
    this.events.emit("deployment", { type: "MODIFIED", cluster: entry.cluster, deployment: structuredClone(entry.deployment) });
  }

  private scheduleRollout(entry: Entry): void {
    clearTimeout(entry.timer);
    if (this.stopped) return;
    entry.timer = setTimeout(() => this.step(entry), this.rolloutStepMs);
  }

  private step(entry: Entry): void {
    entry.timer = undefined;
    const d = entry.deployment;
    const pods = advanceRollout(d, entry.progress, entry.templateHash, (hash) => newPod(d.metadata.name, hash, new Date().toISOString().replace(/\.\d{3}Z$/, "Z")));
    entry.progress = { ...entry.progress, pods, ticks: entry.progress.ticks + 1 };
    const status = computeStatus({
      deployment: d,
      pods,
      templateHash: entry.templateHash,
      replicaSetName: `${d.metadata.name}-${entry.templateHash}`,
      progress: entry.progress,
      now: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    });
    if (JSON.stringify(status) !== JSON.stringify(d.status)) {
      d.status = status;
      this.commit(entry);
    }
    const settled =
      isRolloutComplete(d, pods, entry.templateHash) ||
      entry.progress.outcome === "hang" ||
      status.conditions.some((c) => c.reason === "ProgressDeadlineExceeded");
    if (!settled) this.scheduleRollout(entry);
  }
}

function validate(name: string, d: DeploymentObject): void {
  const causes: { field: string; message: string }[] = [];
  const replicas = d.spec?.replicas;
  if (typeof replicas !== "number" || !Number.isInteger(replicas)) causes.push({ field: "spec.replicas", message: `Invalid value: ${JSON.stringify(replicas)}: must be an integer` });
  else if (replicas < 0) causes.push({ field: "spec.replicas", message: `Invalid value: ${replicas}: must be greater than or equal to 0` });
  const containers = d.spec?.template?.spec?.containers;
  if (!Array.isArray(containers) || containers.length === 0) causes.push({ field: "spec.template.spec.containers", message: "Required value" });
  else containers.forEach((c, i) => {
    if (!c.image) causes.push({ field: `spec.template.spec.containers[${i}].image`, message: "Required value" });
  });
  const selector = d.spec?.selector?.matchLabels ?? {};
  const labels = d.spec?.template?.metadata?.labels ?? {};
  if (Object.entries(selector).some(([k, v]) => labels[k] !== v)) {
    causes.push({ field: "spec.template.metadata.labels", message: "Invalid value: `selector` does not match template `labels`" });
  }
  if (causes.length > 0) throw new InvalidDeploymentError(name, causes);
}
