import { createHash } from "node:crypto";
import type { DeploymentObject } from "./deployment-object";
import { humanDuration } from "./deployment-table";
import type { SimulatedPod } from "./rollout";

/**
 * The deployments' simulated pods as v1 Pods (read-only), so that `kubectl get pods` shows what a drill does to the
 * apps: Running and ready, ContainerCreating while a rollout starts them, gone once scaled down.
 */

export function podObject(options: { deployment: DeploymentObject; templateHash: string; pod: SimulatedPod }) {
  const { deployment, pod } = options;
  const container = deployment.spec.template.spec.containers[0];
  const uid = createHash("sha1").update(pod.name).digest("hex");
  const ip = `10.244.${parseInt(uid.slice(0, 2), 16)}.${parseInt(uid.slice(2, 4), 16)}`;
  const ready = pod.ready ? "True" : "False";
  return {
    kind: "Pod",
    apiVersion: "v1",
    metadata: {
      name: pod.name,
      generateName: pod.name.slice(0, pod.name.lastIndexOf("-") + 1),
      namespace: deployment.metadata.namespace,
      uid: `${uid.slice(0, 8)}-${uid.slice(8, 12)}-${uid.slice(12, 16)}-${uid.slice(16, 20)}-${uid.slice(20, 32)}`,
      resourceVersion: deployment.metadata.resourceVersion,
      creationTimestamp: pod.createdAt,
      labels: { ...deployment.spec.template.metadata.labels, "pod-template-hash": pod.templateHash },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: `${deployment.metadata.name}-${pod.templateHash}`, uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: { ...deployment.spec.template.spec, nodeName: "aks-nodes-31425926-vmss000002" },
    status: {
      phase: pod.ready ? "Running" : "Pending",
      conditions: [
        { type: "PodScheduled", status: "True", lastTransitionTime: pod.createdAt },
        { type: "Initialized", status: "True", lastTransitionTime: pod.createdAt },
        { type: "ContainersReady", status: ready, lastTransitionTime: pod.createdAt },
        { type: "Ready", status: ready, lastTransitionTime: pod.createdAt },
      ],
      hostIP: "10.1.0.4",
      podIP: pod.ready ? ip : undefined,
      startTime: pod.createdAt,
      containerStatuses: container
        ? [
            {
              name: container.name,
              ready: pod.ready,
              restartCount: 0,
              image: container.image,
              imageID: "",
              started: pod.ready,
              state: pod.ready ? { running: { startedAt: pod.createdAt } } : { waiting: { reason: "ContainerCreating" } },
            },
          ]
        : [],
    },
  };
}

const podColumns = [
  { name: "Name", type: "string", format: "name", description: "Name must be unique within a namespace.", priority: 0 },
  { name: "Ready", type: "string", format: "", description: "The aggregate readiness state of this pod for accepting traffic.", priority: 0 },
  { name: "Status", type: "string", format: "", description: "The aggregate status of the containers in this pod.", priority: 0 },
  { name: "Restarts", type: "string", format: "", description: "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.", priority: 0 },
  { name: "Age", type: "string", format: "", description: "CreationTimestamp is a timestamp representing the server time when this object was created.", priority: 0 },
  { name: "IP", type: "string", format: "", description: "The IP address assigned to the pod", priority: 1 },
  { name: "Node", type: "string", format: "", description: "The name of the node to which this pod is scheduled", priority: 1 },
  { name: "Nominated Node", type: "string", format: "", description: "The name of the node where this pod is nominated to run", priority: 1 },
  { name: "Readiness Gates", type: "string", format: "", description: "The readiness gates of this pod", priority: 1 },
];

export function podTable(options: { pods: ReturnType<typeof podObject>[]; resourceVersion: string; now: Date }) {
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion: options.resourceVersion },
    columnDefinitions: podColumns,
    rows: options.pods.map((p) => ({
      cells: [
        p.metadata.name,
        `${p.status.containerStatuses.filter((c) => c.ready).length}/${p.status.containerStatuses.length}`,
        p.status.phase === "Running" ? "Running" : "ContainerCreating",
        0,
        humanDuration(options.now.getTime() - Date.parse(p.metadata.creationTimestamp)),
        p.status.podIP ?? "<none>",
        p.spec.nodeName,
        "<none>",
        "<none>",
      ],
      object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: p.metadata },
    })),
  };
}
