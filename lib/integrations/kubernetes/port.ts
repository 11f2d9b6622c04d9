/**
 * Kubernetes deployments, in our own types (real adapter: @kubernetes/client-node).
 * Every method is safe to repeat: scaling to N twice leaves N; a restart carries its own timestamp.
 */

export interface DeploymentRef {
  namespace: string;
  name: string;
}

export interface DeploymentStatus extends DeploymentRef {
  /** spec.replicas */
  replicas: number;
  /** status.replicas: every pod of the deployment, old template and new (old ones linger while a rollout runs). */
  totalReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  updatedReplicas: number;
  generation: number;
  observedGeneration: number;
  /**
   * Why the rollout stopped, when Kubernetes says it did: the Progressing condition False with reason
   * ProgressDeadlineExceeded (spec.progressDeadlineSeconds passed without progress), as its message. null otherwise.
   */
  stalled: string | null;
}

export interface KubernetesPort {
  /** null when the deployment does not exist. */
  getDeployment(options: DeploymentRef): Promise<DeploymentStatus | null>;
  scaleDeployment(options: DeploymentRef & { replicas: number }): Promise<void>;
  /** `kubectl rollout restart`: sets the pod template's restartedAt annotation to `restartedAt` (same value, same result). */
  restartDeployment(options: DeploymentRef & { restartedAt: string }): Promise<void>;
}
