import { getEnvironment } from "../../../lib/catalogue/catalogue";
import { appsApiForClusters } from "../../../lib/integrations/kubernetes/apps-api-for-clusters";
import { createClientNodeAdapter } from "../../../lib/integrations/kubernetes/client-node-adapter";
import { DEFAULT_CALL_POLICY } from "../../../lib/integrations/shared/call-policy";

/**
 * What an operator does with kubectl beside the console (through the same client library, on the sandbox's cluster):
 * `kubectl rollout restart` of a stuck rollout.
 */
export function kubernetesOperator(options: { kubeconfigFile: string; environment?: string }) {
  const port = createClientNodeAdapter({ appsFor: appsApiForClusters({ kubeconfigFile: options.kubeconfigFile }), policy: DEFAULT_CALL_POLICY });
  const k8s = getEnvironment("aytq", options.environment ?? "test").kubernetes;
  const deployments = [k8s.web, k8s.worker].map((d) => ({ namespace: k8s.namespace, name: d.name }));
  return {
    deployments,
    async rolloutRestart(): Promise<void> {
      const restartedAt = new Date().toISOString();
      for (const d of deployments) await port.restartDeployment({ namespace: d.namespace, name: d.name, restartedAt });
    },
  };
}
