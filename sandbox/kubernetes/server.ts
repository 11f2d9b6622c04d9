import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { catalogue } from "@/lib/catalogue/catalogue";
import type { SandboxContext } from "../context";
import { listenOnLoopback } from "../services/http/listen-on-loopback";
import { createKubernetesApi } from "./create-api";
import { createTlsIdentity } from "./create-tls-identity";
import { KubernetesState } from "./state";
import { writeKubeconfig } from "./write-kubeconfig";

/**
 * The Kubernetes stand-in: the API of every catalogue AKS cluster over HTTPS on 127.0.0.1, each cluster under
 * `<url>/clusters/<cluster-name>`. HTTPS because kubectl does not send a bearer token to a plain-http server; the
 * certificate is signed by a CA made at start, which the kubeconfig carries. Writes `<stateDir>/kubeconfig`
 * (current context: the test cluster, which holds tra-test) and `<stateDir>/kubernetes-ca.pem`.
 */

export interface StartKubernetesStandInOptions {
  context: SandboxContext;
  port?: number;
  /** Time between two rollout steps; a scale to 0 shows after one step, a scale up is ready after two. Default 1000 ms. */
  rolloutStepMs?: number;
}

export interface KubernetesStandIn {
  /** Base URL; each cluster's API server URL is `${url}/clusters/<cluster-name>` (as in the kubeconfig). */
  url: string;
  kubeconfigFile: string;
  /** PEM file of the CA that signed the stand-in's certificate (also inside the kubeconfig). */
  caFile: string;
  /** The clusters' deployments, for the sandbox's apps (and tests) to watch and change. */
  state: KubernetesState;
  /** The bearer token the stand-in accepts (also in the kubeconfig). */
  token: string;
  stop(): Promise<void>;
}

export async function startKubernetesStandIn(options: StartKubernetesStandInOptions): Promise<KubernetesStandIn> {
  const { context } = options;
  const state = new KubernetesState({ rolloutStepMs: options.rolloutStepMs, faults: context.faults, services: catalogue });
  const token = `sandbox-${randomBytes(24).toString("base64url")}`;
  let serverAddress = "127.0.0.1";
  const shutdown = new AbortController();
  const api = createKubernetesApi({ state, token, faults: context.faults, counters: context.counters, serverAddress: () => serverAddress, shutdown: shutdown.signal });
  const tls = createTlsIdentity();
  const server = await listenOnLoopback({ fetch: (request, bindings) => api.fetch(request, bindings), port: options.port, tls });
  serverAddress = `127.0.0.1:${server.port}`;
  const kubeconfigFile = path.join(context.stateDir, "kubeconfig");
  const caFile = path.join(context.stateDir, "kubernetes-ca.pem");
  await writeKubeconfig({ file: kubeconfigFile, baseUrl: server.url, token, caPem: tls.caPem, services: catalogue });
  await writeFile(caFile, tls.caPem);
  return {
    url: server.url,
    kubeconfigFile,
    caFile,
    state,
    token,
    async stop() {
      state.stop();
      shutdown.abort();
      await server.stop();
    },
  };
}
