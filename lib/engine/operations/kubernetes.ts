import type { DeploymentStatus } from "../../integrations/kubernetes/port";
import { OperationFailure, type HandlerFor } from "./types";

export function isScaledTo(d: DeploymentStatus, replicas: number): boolean {
  if (d.replicas !== replicas) return false;
  return replicas === 0 ? d.readyReplicas === 0 && d.availableReplicas === 0 : d.readyReplicas >= replicas && d.availableReplicas >= replicas;
}

export function isRolledOut(d: DeploymentStatus): boolean {
  return d.observedGeneration >= d.generation && d.updatedReplicas === d.replicas && d.readyReplicas === d.replicas && d.availableReplicas === d.replicas;
}

export const scaleDeployments: HandlerFor<"kubernetes.scale"> = {
  sendIsSafeToRepeat: true,
  pollIntervalSeconds: 3,
  async send({ request, ports, progress, saveProgress }) {
    const previous = { ...((progress.previous ?? {}) as Record<string, number>) };
    // Record what each deployment had before touching any (once), so the restart can put it back.
    for (const d of request.deployments) {
      if (previous[d.name] !== undefined) continue;
      const found = await ports.kubernetes.getDeployment({ namespace: d.namespace, name: d.name });
      if (!found) throw new OperationFailure(`There is no deployment ${d.name} in namespace ${d.namespace}.`);
      previous[d.name] = found.replicas;
    }
    await saveProgress({ previous });
    for (const d of request.deployments) await ports.kubernetes.scaleDeployment(d);
    return {
      done: false,
      outputs: { previous },
      summary: request.deployments.map((d) => `${d.name}: ${previous[d.name]} -> ${d.replicas}`).join("; "),
    };
  },
  async poll({ request, ports, progress }) {
    const waiting: string[] = [];
    for (const d of request.deployments) {
      const found = await ports.kubernetes.getDeployment({ namespace: d.namespace, name: d.name });
      if (!found) return { status: "failed", error: `The deployment ${d.name} disappeared from namespace ${d.namespace}.` };
      if (!isScaledTo(found, d.replicas)) waiting.push(`${d.name}: ${found.readyReplicas}/${d.replicas} ready`);
    }
    if (waiting.length) return { status: "running", detail: waiting.join("; ") };
    return { status: "succeeded", outputs: { previous: progress.previous }, summary: "Every deployment is at its requested replicas." };
  },
};

export const restartDeployments: HandlerFor<"kubernetes.restart"> = {
  sendIsSafeToRepeat: true,
  pollIntervalSeconds: 3,
  async send({ request, ports, notBefore }) {
    // The same timestamp on a re-send: the pod template does not change twice.
    for (const d of request.deployments) await ports.kubernetes.restartDeployment({ ...d, restartedAt: notBefore });
    return { done: false, outputs: { restartedAt: notBefore }, summary: `Restarted ${request.deployments.map((d) => d.name).join(", ")}` };
  },
  async poll({ request, ports }) {
    const waiting: string[] = [];
    for (const d of request.deployments) {
      const found = await ports.kubernetes.getDeployment(d);
      if (!found) return { status: "failed", error: `The deployment ${d.name} disappeared from namespace ${d.namespace}.` };
      if (!isRolledOut(found)) waiting.push(`${d.name}: ${found.updatedReplicas}/${found.replicas} updated, ${found.readyReplicas} ready`);
    }
    if (waiting.length) return { status: "running", detail: waiting.join("; ") };
    return { status: "succeeded", summary: "Every deployment is rolled out." };
  },
};
