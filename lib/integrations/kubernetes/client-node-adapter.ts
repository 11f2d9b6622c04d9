import { ApiException, Observable, type AppsV1Api, type ConfigurationOptions, type RequestContext, type ResponseContext } from "@kubernetes/client-node";
import { callWithRetries } from "../shared/call-with-retries";
import type { CallPolicy } from "../shared/call-policy";
import { kubernetesIntegrationError } from "./kubernetes-integration-error";
import type { DeploymentRef, KubernetesPort } from "./port";
import { reshapeDeployment } from "./reshape-deployment";

export interface ClientNodeAdapterOptions {
  /** The apps/v1 client of the cluster that holds this namespace (built from a kubeconfig context or in-cluster). */
  appsFor(ref: DeploymentRef): AppsV1Api;
  policy: CallPolicy;
}

/**
 * Per call: the time limit's signal, and the content type of a patch (the client would send a JSON patch). The
 * object-style API hands `middleware` to its observable layer, so each hook answers the library's Observable.
 */
function callOptions(signal: AbortSignal, contentType?: string): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (context: RequestContext) => {
          context.setSignal(signal);
          if (contentType) context.setHeaderParam("Content-Type", contentType);
          return new Observable(Promise.resolve(context));
        },
        post: (response: ResponseContext) => new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: "append",
  };
}

/**
 * Deployments through @kubernetes/client-node: read, scale (the scale subresource, a merge patch of spec.replicas)
 * and `rollout restart` (the pod template's restartedAt annotation). Every call has a time limit and is retried with
 * back-off on 429, 5xx and broken connections: each is safe to repeat (the same replicas, the same timestamp).
 */
export function createClientNodeAdapter(options: ClientNodeAdapterOptions): KubernetesPort {
  const { policy } = options;
  return {
    getDeployment: (ref) =>
      callWithRetries({
        policy,
        safeToRepeat: true,
        call: async (signal) => {
          try {
            return reshapeDeployment(await options.appsFor(ref).readNamespacedDeployment({ name: ref.name, namespace: ref.namespace }, callOptions(signal)));
          } catch (error) {
            if (error instanceof ApiException && error.code === 404) return null;
            throw error;
          }
        },
        toIntegrationError: (error) => kubernetesIntegrationError({ doing: `read the deployment ${ref.namespace}/${ref.name}`, error }),
      }),

    scaleDeployment: async (ref) => {
      await callWithRetries({
        policy,
        safeToRepeat: true,
        call: (signal) =>
          options.appsFor(ref).patchNamespacedDeploymentScale(
            { name: ref.name, namespace: ref.namespace, body: { spec: { replicas: ref.replicas } } },
            callOptions(signal, "application/merge-patch+json"),
          ),
        toIntegrationError: (error) => kubernetesIntegrationError({ doing: `scale ${ref.namespace}/${ref.name} to ${ref.replicas}`, error }),
      });
    },

    restartDeployment: async (ref) => {
      await callWithRetries({
        policy,
        safeToRepeat: true,
        call: (signal) =>
          options.appsFor(ref).patchNamespacedDeployment(
            {
              name: ref.name,
              namespace: ref.namespace,
              body: { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": ref.restartedAt } } } } },
            },
            callOptions(signal, "application/strategic-merge-patch+json"),
          ),
        toIntegrationError: (error) => kubernetesIntegrationError({ doing: `restart ${ref.namespace}/${ref.name}`, error }),
      });
    },
  };
}
