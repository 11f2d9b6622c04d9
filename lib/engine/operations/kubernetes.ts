import type { DeploymentRef, DeploymentStatus } from "../../integrations/kubernetes/port";
import type { IntegrationPorts } from "../ports";
import { OperationFailure, type HandlerFor, type PollResult } from "./types";

export function isScaledTo(d: DeploymentStatus, replicas: number): boolean {
  if (d.replicas !== replicas) return false;
  return replicas === 0 ? d.readyReplicas === 0 && d.availableReplicas === 0 : d.readyReplicas >= replicas && d.availableReplicas >= replicas;
}

/**
 * Whether a rollout is done, as `kubectl rollout status` decides: the controller has seen the latest spec, every
 * replica runs the new template, no pod of the old one is left, and the new ones are available. Counting ready pods
 * alone is not enough: while new pods fail to start, the old ones are still ready.
 */
export function isRolledOut(d: DeploymentStatus): boolean {
  return (
    d.observedGeneration >= d.generation &&
    d.updatedReplicas >= d.replicas &&
    d.totalReplicas <= d.updatedReplicas &&
    d.availableReplicas >= d.updatedReplicas
  );
}

/**
 * Reads each deployment and sorts it: done, still going (with what it shows), or a rollout Kubernetes gave up on (its
 * progress deadline passed). One stalled deployment fails the step now, saying which and why, rather than waiting
 * out the step's own time limit: new pods that never get ready (a bad image, a crash loop, no room on the nodes) are
 * for a person to look at; once fixed, a retry scales or restarts again, which starts a new rollout.
 */
async function pollDeployments<D extends DeploymentRef>(options: {
  deployments: D[];
  ports: IntegrationPorts;
  done: (found: DeploymentStatus, wanted: D) => boolean;
  showing: (found: DeploymentStatus, wanted: D) => string;
}): Promise<PollResult | null> {
  const waiting: string[] = [];
  const stalled: { name: string; namespace: string; stalled: string }[] = [];
  for (const d of options.deployments) {
    const found = await options.ports.kubernetes.getDeployment({ namespace: d.namespace, name: d.name });
    if (!found) return { status: "failed", error: `The deployment ${d.name} disappeared from namespace ${d.namespace}.` };
    if (options.done(found, d)) continue;
    if (found.stalled) stalled.push({ name: d.name, namespace: d.namespace, stalled: found.stalled });
    waiting.push(`${d.name}: ${options.showing(found, d)}`);
  }
  if (stalled.length) {
    const which = stalled.map((d) => `${d.name}: ${d.stalled}`).join("; ");
    const first = stalled[0]!;
    return {
      status: "failed",
      error:
        `Kubernetes stopped the rollout: it missed its progress deadline (${which}). The new pods did not become ready: ` +
        `look at why (kubectl -n ${first.namespace} describe deployment ${first.name}; kubectl -n ${first.namespace} get pods), fix it, then retry this step.`,
    };
  }
  return waiting.length ? { status: "running", detail: waiting.join("; ") } : null;
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
    const pending = await pollDeployments({
      deployments: request.deployments,
      ports,
      done: (found, d) => isScaledTo(found, d.replicas),
      showing: (found, d) => `${found.readyReplicas}/${d.replicas} ready`,
    });
    if (pending) return pending;
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
    const pending = await pollDeployments({
      deployments: request.deployments,
      ports,
      done: (found) => isRolledOut(found),
      showing: (found) => {
        const old = Math.max(0, found.totalReplicas - found.updatedReplicas);
        return `${found.updatedReplicas}/${found.replicas} updated, ${found.readyReplicas} ready${old ? `, ${old} old pending termination` : ""}`;
      },
    });
    if (pending) return pending;
    return { status: "succeeded", summary: "Every deployment is rolled out." };
  },
};
