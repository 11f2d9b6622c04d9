import { writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { ServiceDefinition } from "@/lib/catalogue/schema";

/**
 * A kubeconfig as `az aks get-credentials` leaves it: one cluster, user and context per AKS cluster, named after
 * the cluster. The test cluster (which holds tra-test, where the runbook's commands point) is the current
 * context, so `kubectl -n tra-test get deployments` works as written. Written as JSON, which is YAML.
 */

export interface WriteKubeconfigOptions {
  file: string;
  baseUrl: string;
  token: string;
  /** PEM of the CA that signed the stand-in's certificate (embedded as certificate-authority-data). */
  caPem: string;
  services: readonly ServiceDefinition[];
}

export async function writeKubeconfig(options: WriteKubeconfigOptions): Promise<void> {
  const clusters = new Map<string, string>();
  for (const service of options.services) {
    for (const environment of service.environments) clusters.set(environment.kubernetes.cluster, environment.kubernetes.clusterResourceGroup);
  }
  const names = [...clusters.keys()];
  const current = options.services.flatMap((s) => s.environments).find((e) => !e.production)?.kubernetes.cluster ?? names[0];
  const userOf = (cluster: string) => `clusterUser_${clusters.get(cluster)}_${cluster}`;
  const config = {
    apiVersion: "v1",
    kind: "Config",
    preferences: {},
    clusters: names.map((name) => ({ name, cluster: { server: `${options.baseUrl}/clusters/${name}`, "certificate-authority-data": Buffer.from(options.caPem).toString("base64") } })),
    users: names.map((name) => ({ name: userOf(name), user: { token: options.token } })),
    contexts: names.map((name) => ({ name, context: { cluster: name, user: userOf(name) } })),
    "current-context": current,
  };
  await mkdir(path.dirname(options.file), { recursive: true });
  await writeFile(options.file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}
