/**
 * The apps/v1 Deployment as the API server sends it (JSON field names, timestamps as RFC 3339 strings), reduced to
 * the fields a real cluster fills for these apps. Kept as plain JSON so that what is stored is what is served.
 */

export interface ObjectMeta {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
  generation: number;
  creationTimestamp: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { containerPort: number; protocol: string }[];
  resources: Record<string, unknown>;
  terminationMessagePath: string;
  terminationMessagePolicy: string;
  imagePullPolicy: string;
}

export interface DeploymentSpec {
  replicas: number;
  selector: { matchLabels: Record<string, string> };
  template: {
    metadata: { labels: Record<string, string>; creationTimestamp: null };
    spec: {
      containers: Container[];
      restartPolicy: string;
      terminationGracePeriodSeconds: number;
      dnsPolicy: string;
      securityContext: Record<string, unknown>;
      schedulerName: string;
    };
  };
  strategy: { type: "RollingUpdate"; rollingUpdate: { maxUnavailable: string | number; maxSurge: string | number } };
  revisionHistoryLimit: number;
  progressDeadlineSeconds: number;
}

export interface DeploymentCondition {
  type: "Available" | "Progressing";
  status: "True" | "False";
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** Zero counts are left out, as the API server leaves them out (omitempty). */
export interface DeploymentStatus {
  observedGeneration: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions: DeploymentCondition[];
}

export interface DeploymentObject {
  kind: "Deployment";
  apiVersion: "apps/v1";
  metadata: ObjectMeta;
  spec: DeploymentSpec;
  status: DeploymentStatus;
}

export interface ScaleObject {
  kind: "Scale";
  apiVersion: "autoscaling/v1";
  metadata: Pick<ObjectMeta, "name" | "namespace" | "uid" | "resourceVersion" | "creationTimestamp">;
  spec: { replicas: number };
  status: { replicas: number; selector: string };
}

export function toScale(deployment: DeploymentObject): ScaleObject {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = deployment.metadata;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: deployment.spec.replicas },
    status: {
      replicas: deployment.status.replicas ?? 0,
      selector: Object.entries(deployment.spec.selector.matchLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(","),
    },
  };
}
