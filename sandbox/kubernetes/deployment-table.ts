import type { DeploymentObject } from "./deployment-object";

/**
 * `kubectl get` asks for `application/json;as=Table;v=v1;g=meta.k8s.io` and prints the server's columns: these are
 * the apps/v1 Deployment columns of the real API server (wide adds Containers, Images, Selector).
 */

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration, which the server uses for the Age column. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 0) return "<invalid>";
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) return `${Math.floor(hours / 24 / 365)}y${Math.floor(hours / 24) % 365}d`;
  return `${Math.floor(hours / 24 / 365)}y`;
}

const columnDefinitions = [
  { name: "Name", type: "string", format: "name", description: "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", priority: 0 },
  { name: "Ready", type: "string", format: "", description: "Number of the pod with ready state", priority: 0 },
  { name: "Up-to-date", type: "string", format: "", description: "Total number of non-terminated pods targeted by this deployment that have the desired template spec.", priority: 0 },
  { name: "Available", type: "string", format: "", description: "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.", priority: 0 },
  { name: "Age", type: "string", format: "", description: "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata", priority: 0 },
  { name: "Containers", type: "string", format: "", description: "Names of each container in the template.", priority: 1 },
  { name: "Images", type: "string", format: "", description: "Images referenced by each container in the template.", priority: 1 },
  { name: "Selector", type: "string", format: "", description: "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", priority: 1 },
];

export function deploymentTable(options: { deployments: DeploymentObject[]; resourceVersion: string; includeObject: "None" | "Metadata" | "Object"; now: Date }) {
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion: options.resourceVersion },
    columnDefinitions,
    rows: options.deployments.map((d) => {
      const containers = d.spec.template.spec.containers;
      const row: { cells: (string | number)[]; object?: unknown } = {
        cells: [
          d.metadata.name,
          `${d.status.readyReplicas ?? 0}/${d.spec.replicas}`,
          d.status.updatedReplicas ?? 0,
          d.status.availableReplicas ?? 0,
          humanDuration(options.now.getTime() - Date.parse(d.metadata.creationTimestamp)),
          containers.map((c) => c.name).join(","),
          containers.map((c) => c.image).join(","),
          Object.entries(d.spec.selector.matchLabels).map(([k, v]) => `${k}=${v}`).join(","),
        ],
      };
      if (options.includeObject === "Object") row.object = d;
      else if (options.includeObject === "Metadata") row.object = { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: d.metadata };
      return row;
    }),
  };
}
