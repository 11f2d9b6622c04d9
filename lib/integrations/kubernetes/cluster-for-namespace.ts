import { catalogue } from "../../catalogue/catalogue";
import { IntegrationError } from "../../errors";

/**
 * The AKS cluster that holds a namespace, from the catalogue (tra-test: the test cluster, shared by test and preprod;
 * tra-production: the production cluster). The port speaks of namespaces; configuration holds one client per cluster.
 */
export function clusterForNamespace(namespace: string): string {
  for (const service of catalogue) {
    const environment = service.environments.find((e) => e.kubernetes.namespace === namespace);
    if (environment) return environment.kubernetes.cluster;
  }
  throw new IntegrationError("kubernetes", `No cluster in the catalogue holds the namespace ${namespace}.`);
}
