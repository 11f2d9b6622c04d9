import { AppsV1Api, KubeConfig } from "@kubernetes/client-node";
import { IntegrationError } from "../../errors";
import { clusterForNamespace } from "./cluster-for-namespace";
import type { DeploymentRef } from "./port";

/**
 * One apps/v1 client per AKS cluster: the cluster the console runs in through its pod's service account
 * (`inCluster`), any other through the kubeconfig context named after the cluster (as `az aks get-credentials` and
 * the sandbox name them). A cluster with neither answers a readable IntegrationError when used.
 */
export function appsApiForClusters(options: { kubeconfigFile?: string; inCluster?: string }): (ref: DeploymentRef) => AppsV1Api {
  const clients = new Map<string, AppsV1Api>();
  return (ref) => {
    const cluster = clusterForNamespace(ref.namespace);
    const cached = clients.get(cluster);
    if (cached) return cached;
    const config = new KubeConfig();
    if (options.inCluster === cluster) {
      config.loadFromCluster();
    } else if (options.kubeconfigFile) {
      config.loadFromFile(options.kubeconfigFile);
      if (!config.getContextObject(cluster)) {
        throw new IntegrationError("kubernetes", `The kubeconfig ${options.kubeconfigFile} has no context named ${cluster}: run az aks get-credentials for it.`);
      }
      config.setCurrentContext(cluster);
    } else {
      throw new IntegrationError("kubernetes", `No credentials for the cluster ${cluster}: set KUBECONFIG (a context named ${cluster}) or KUBERNETES_IN_CLUSTER=${cluster} when the console runs in it.`);
    }
    const client = config.makeApiClient(AppsV1Api);
    clients.set(cluster, client);
    return client;
  };
}
