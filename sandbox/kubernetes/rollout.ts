import type { DeploymentCondition, DeploymentObject, DeploymentStatus } from "./deployment-object";

/**
 * One step of the deployment controller, as a pure function: the pods of a deployment (each from one pod
 * template, ready or not) move one tick towards spec, the way a RollingUpdate with 25% surge / 25% unavailable
 * moves them. Pods started in one tick become ready in the next, so a scale up shows replicas before
 * readyReplicas, and a scale down shows the pods gone at once.
 */

export interface SimulatedPod {
  name: string;
  templateHash: string;
  ready: boolean;
  createdAt: string;
}

/** How this rollout was told to end by the fault switches: as usual, never progressing, or missing its deadline. */
export type RolloutOutcome = "normal" | "hang" | "fail";

export interface RolloutProgress {
  pods: SimulatedPod[];
  /** Ticks since the spec last changed (for the progress deadline). */
  ticks: number;
  outcome: RolloutOutcome;
}

/** A failing rollout gives up after this many ticks, as a real one does after progressDeadlineSeconds. */
export const FAILING_ROLLOUT_DEADLINE_TICKS = 5;

const percentOf = (value: string | number, total: number, round: (n: number) => number) =>
  typeof value === "number" ? value : round((Number.parseInt(value, 10) / 100) * total);

export function advanceRollout(
  deployment: DeploymentObject,
  progress: RolloutProgress,
  templateHash: string,
  newPod: (templateHash: string) => SimulatedPod,
): SimulatedPod[] {
  const desired = deployment.spec.replicas;
  if (progress.outcome === "hang") return progress.pods;
  const pods = progress.pods.map((p) => ({ ...p }));
  if (progress.outcome === "normal") for (const p of pods) p.ready = true;

  let fresh = pods.filter((p) => p.templateHash === templateHash);
  let old = pods.filter((p) => p.templateHash !== templateHash);
  const surge = Math.max(1, percentOf(deployment.spec.strategy.rollingUpdate.maxSurge, desired, Math.ceil));
  const maxUnavailable = percentOf(deployment.spec.strategy.rollingUpdate.maxUnavailable, desired, Math.floor);

  if (fresh.length > desired) {
    // Scale down removes pods that are not ready first.
    fresh.sort((a, b) => Number(a.ready) - Number(b.ready));
    fresh = fresh.slice(fresh.length - desired);
  } else if (fresh.length < desired) {
    // maxSurge bounds the pods of old and new template together; a plain scale (no old pods) starts them all.
    const add = Math.min(desired - fresh.length, Math.max(0, desired + surge - old.length - fresh.length));
    for (let i = 0; i < add; i++) fresh.push(newPod(templateHash));
  }
  if (desired === 0) old = [];
  while (old.length > 0) {
    const readyNow = fresh.filter((p) => p.ready).length + old.filter((p) => p.ready).length;
    if (readyNow - 1 < desired - maxUnavailable) break;
    const notReady = old.findIndex((p) => !p.ready);
    old.splice(notReady >= 0 ? notReady : 0, 1);
  }
  return [...old, ...fresh];
}

export function isRolloutComplete(deployment: DeploymentObject, pods: SimulatedPod[], templateHash: string): boolean {
  return (
    pods.length === deployment.spec.replicas &&
    pods.every((p) => p.templateHash === templateHash && p.ready)
  );
}

export interface ComputeStatusOptions {
  deployment: DeploymentObject;
  pods: SimulatedPod[];
  templateHash: string;
  replicaSetName: string;
  progress: RolloutProgress;
  now: string;
}

export function computeStatus(options: ComputeStatusOptions): DeploymentStatus {
  const { deployment, pods, templateHash, replicaSetName, now } = options;
  const desired = deployment.spec.replicas;
  const ready = pods.filter((p) => p.ready).length;
  const updated = pods.filter((p) => p.templateHash === templateHash).length;
  const maxUnavailable = percentOf(deployment.spec.strategy.rollingUpdate.maxUnavailable, desired, Math.floor);
  const complete = isRolloutComplete(deployment, pods, templateHash);
  const deadlineExceeded = options.progress.outcome === "fail" && options.progress.ticks >= FAILING_ROLLOUT_DEADLINE_TICKS;

  const previous = new Map(deployment.status.conditions.map((c) => [c.type, c]));
  const condition = (type: DeploymentCondition["type"], status: "True" | "False", reason: string, message: string): DeploymentCondition => {
    const before = previous.get(type);
    const same = before && before.status === status && before.reason === reason && before.message === message;
    if (same) return before;
    return {
      type,
      status,
      lastUpdateTime: now,
      lastTransitionTime: before && before.status === status ? before.lastTransitionTime : now,
      reason,
      message,
    };
  };

  const available =
    ready >= desired - maxUnavailable
      ? condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
      : condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.");
  const progressing = deadlineExceeded
    ? condition("Progressing", "False", "ProgressDeadlineExceeded", `ReplicaSet "${replicaSetName}" has timed out progressing.`)
    : complete
      ? condition("Progressing", "True", "NewReplicaSetAvailable", `ReplicaSet "${replicaSetName}" has successfully progressed.`)
      : condition("Progressing", "True", "ReplicaSetUpdated", `ReplicaSet "${replicaSetName}" is progressing.`);

  const status: DeploymentStatus = { observedGeneration: deployment.metadata.generation, conditions: [available, progressing] };
  // The API server omits zero counts (omitempty), and clients rely on that: `readyReplicas` is absent at 0.
  if (pods.length > 0) status.replicas = pods.length;
  if (updated > 0) status.updatedReplicas = updated;
  if (ready > 0) status.readyReplicas = ready;
  if (ready > 0) status.availableReplicas = ready;
  if (pods.length - ready > 0) status.unavailableReplicas = pods.length - ready;
  return status;
}
