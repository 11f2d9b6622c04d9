import { randomUUID } from "node:crypto";
import type { ServiceDefinition } from "@/lib/catalogue/schema";
import type { DeploymentObject } from "./deployment-object";

/**
 * The catalogue's deployments as the clusters hold them in normal running: each environment's web and worker
 * deployments at their normal replicas, running one image, fully rolled out.
 */

export interface ClusterDeployment {
  cluster: string;
  /** Catalogue environment key (test, preprod, production). */
  environment: string;
  role: "web" | "worker";
  deployment: DeploymentObject;
}

/** The image tag the sandbox's apps start on (any commit-like id; deploys change it). */
export const INITIAL_IMAGE_TAG = "4f9d1c2ab7e35f0d8c61b2a94e7d03c5f1a8b6e2";

export function imageFor(deploymentPrefix: string, tag: string): string {
  return `ghcr.io/dfe-digital/${deploymentPrefix}:${tag}`;
}

export function initialDeployments(options: { services: readonly ServiceDefinition[]; createdAt: string }): ClusterDeployment[] {
  const out: ClusterDeployment[] = [];
  for (const service of options.services) {
    for (const environment of service.environments) {
      const k = environment.kubernetes;
      for (const role of ["web", "worker"] as const) {
        const name = k[role].name;
        const labels = { app: name, environment: environment.key, "app.kubernetes.io/name": service.repository.repo };
        out.push({
          cluster: k.cluster,
          environment: environment.key,
          role,
          deployment: {
            kind: "Deployment",
            apiVersion: "apps/v1",
            metadata: {
              name,
              namespace: k.namespace,
              uid: randomUUID(),
              resourceVersion: "0",
              generation: 1,
              creationTimestamp: options.createdAt,
              labels,
              annotations: { "deployment.kubernetes.io/revision": "1" },
            },
            spec: {
              replicas: k[role].normalReplicas,
              selector: { matchLabels: { app: name } },
              template: {
                metadata: { labels: { app: name }, creationTimestamp: null },
                spec: {
                  containers: [
                    {
                      name,
                      image: imageFor(service.repository.repo, INITIAL_IMAGE_TAG),
                      ...(role === "worker" ? { command: ["bundle", "exec", "sidekiq", "-C", "config/sidekiq.yml"] } : { ports: [{ containerPort: 3000, protocol: "TCP" }] }),
                      resources: { limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "100m", memory: "512Mi" } },
                      terminationMessagePath: "/dev/termination-log",
                      terminationMessagePolicy: "File",
                      imagePullPolicy: "IfNotPresent",
                    },
                  ],
                  restartPolicy: "Always",
                  terminationGracePeriodSeconds: 30,
                  dnsPolicy: "ClusterFirst",
                  securityContext: {},
                  schedulerName: "default-scheduler",
                },
              },
              strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
              revisionHistoryLimit: 10,
              progressDeadlineSeconds: 600,
            },
            status: { observedGeneration: 1, conditions: [] },
          },
        });
      }
    }
  }
  return out;
}
