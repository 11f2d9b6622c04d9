import type { V1Deployment } from "@kubernetes/client-node";
import type { DeploymentStatus } from "./port";

/** A V1Deployment as our DeploymentStatus (the API server leaves zero counts out of the status). */
export function reshapeDeployment(d: V1Deployment): DeploymentStatus {
  return {
    namespace: d.metadata?.namespace ?? "",
    name: d.metadata?.name ?? "",
    replicas: d.spec?.replicas ?? 1,
    readyReplicas: d.status?.readyReplicas ?? 0,
    availableReplicas: d.status?.availableReplicas ?? 0,
    updatedReplicas: d.status?.updatedReplicas ?? 0,
    generation: d.metadata?.generation ?? 0,
    observedGeneration: d.status?.observedGeneration ?? 0,
  };
}
