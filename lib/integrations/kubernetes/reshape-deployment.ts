import type { V1Deployment } from "@kubernetes/client-node";
import type { DeploymentStatus } from "./port";

/** A V1Deployment as our DeploymentStatus (the API server leaves zero counts out of the status). */
export function reshapeDeployment(d: V1Deployment): DeploymentStatus {
  return {
    namespace: d.metadata?.namespace ?? "",
    name: d.metadata?.name ?? "",
    replicas: d.spec?.replicas ?? 1,
    totalReplicas: d.status?.replicas ?? 0,
    readyReplicas: d.status?.readyReplicas ?? 0,
    availableReplicas: d.status?.availableReplicas ?? 0,
    updatedReplicas: d.status?.updatedReplicas ?? 0,
    generation: d.metadata?.generation ?? 0,
    observedGeneration: d.status?.observedGeneration ?? 0,
    stalled: stalledReason(d),
  };
}

/**
 * The Progressing condition when it says the rollout gave up (ProgressDeadlineExceeded), for the generation the
 * controller has seen: a newer spec (a restart, a scale) starts a new rollout, and the old condition no longer counts.
 */
function stalledReason(d: V1Deployment): string | null {
  if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) return null;
  const progressing = d.status?.conditions?.find((c) => c.type === "Progressing");
  if (progressing?.status !== "False" || progressing.reason !== "ProgressDeadlineExceeded") return null;
  return progressing.message || "ProgressDeadlineExceeded";
}
