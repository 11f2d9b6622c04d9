import { appendAuditEvent } from "../../audit/append-audit-event";
import { ENGINE_ACTOR } from "../../audit/actor";
import { toJsonValue } from "../../audit/canonical-json";
import { db } from "../../db";
import type { IntegrationPorts } from "../../engine/ports";
import { inTransaction } from "../../engine/transaction";
import { IntegrationError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { logger } from "../../log";
import type { TidyUpRequest } from "./leftover";

/** How long a tidy-up is followed before it is given up (a server deletion can take a while). */
const DEADLINE_MS = 2 * 3600_000;
const MAX_SEND_ATTEMPTS = 3;

export type TidyUpTick = { state: "finished" } | { state: "waiting"; delaySeconds: number };

async function finish(actionId: string, outcome: "succeeded" | "failed", text: string): Promise<TidyUpTick> {
  await inTransaction(async (tx) => {
    const [action] = await tx.tidyUpAction.updateManyAndReturn({
      where: { id: actionId, status: { in: ["pending", "running"] } },
      data: { status: outcome, finishedAt: new Date(), ...(outcome === "succeeded" ? { result: text, error: null } : { error: text }) },
    });
    if (!action) return;
    await appendAuditEvent(tx, {
      actor: ENGINE_ACTOR, action: "drill.tidy_up_finished", outcome: outcome === "succeeded" ? "ok" : "failed", incidentId: action.incidentId,
      inputs: action.request, detail: { actionId, target: action.target, [outcome === "succeeded" ? "result" : "error"]: text },
      correlationId: actionId,
    });
  });
  return { state: "finished" };
}

/**
 * One step of a tidy-up action, run by the tidy-up worker: send it (recorded first, with its idempotency key),
 * then check the target's state until it proves the thing tidied. Scaling and setting the approvals count are safe
 * to repeat; the deletion goes through the port's guarded delete (only a copy made during this incident).
 */
export async function runTidyUpAction(options: { actionId: string; ports: IntegrationPorts }): Promise<TidyUpTick> {
  const { ports } = options;
  const action = await db().tidyUpAction.findUnique({ where: { id: options.actionId } });
  if (!action || action.status === "succeeded" || action.status === "failed") return { state: "finished" };
  const request = action.request as unknown as TidyUpRequest;
  if (Date.now() - action.createdAt.getTime() > DEADLINE_MS) return finish(action.id, "failed", "Not finished within 2 hours: check it by hand.");

  try {
    if (action.status === "pending") {
      await db().tidyUpAction.update({ where: { id: action.id }, data: { status: "running", attempts: { increment: 1 } } });
      switch (request.kind) {
        case "unfreeze-branch":
          await ports.github.setRequiredApprovals({ ...request.repository, branch: request.branch, count: request.count });
          break;
        case "restore-replicas":
          for (const d of request.deployments) await ports.kubernetes.scaleDeployment(d);
          break;
        case "delete-ptr-copy": {
          const started = await ports.azurePostgres.beginDeleteServer({ ...request.server, idempotencyKey: action.idempotencyKey, guard: request.guard });
          await db().tidyUpAction.update({ where: { id: action.id }, data: { externalId: started.externalId, pollerState: toJsonValue({ poller: started.pollerState }) as Prisma.InputJsonValue } });
          break;
        }
      }
      return { state: "waiting", delaySeconds: 1 };
    }

    // running: check the target's state.
    switch (request.kind) {
      case "unfreeze-branch": {
        const count = await ports.github.getRequiredApprovals({ ...request.repository, branch: request.branch });
        return count === request.count
          ? finish(action.id, "succeeded", `${request.branch} requires ${count} approving review${count === 1 ? "" : "s"} again.`)
          : { state: "waiting", delaySeconds: 5 };
      }
      case "restore-replicas": {
        const waiting: string[] = [];
        for (const d of request.deployments) {
          const found = await ports.kubernetes.getDeployment(d);
          if (!found) return finish(action.id, "failed", `The deployment ${d.name} does not exist in ${d.namespace}.`);
          if (found.replicas !== d.replicas || found.readyReplicas < d.replicas) waiting.push(d.name);
        }
        return waiting.length ? { state: "waiting", delaySeconds: 3 } : finish(action.id, "succeeded", request.deployments.map((d) => `${d.name} at ${d.replicas}, all ready`).join("; "));
      }
      case "delete-ptr-copy": {
        const stored = (action.pollerState ?? {}) as { poller?: unknown };
        const status = await ports.azurePostgres.pollOperation({ pollerState: stored.poller });
        if (status.status === "failed") return finish(action.id, "failed", `Azure reports the deletion failed: ${status.error}`);
        if (status.status === "running") {
          await db().tidyUpAction.update({ where: { id: action.id }, data: { pollerState: toJsonValue({ poller: status.pollerState }) as Prisma.InputJsonValue } });
          return { state: "waiting", delaySeconds: 10 };
        }
        const server = await ports.azurePostgres.getServer(request.server);
        return server ? { state: "waiting", delaySeconds: 10 } : finish(action.id, "succeeded", `${request.server.server} no longer exists in Azure.`);
      }
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof IntegrationError && error.retryable) {
      // A check is a read: try again until the deadline.
      if (action.status === "running") {
        await db().tidyUpAction.update({ where: { id: action.id }, data: { error: `Could not check, trying again: ${message}` } });
        return { state: "waiting", delaySeconds: 5 };
      }
      // Every tidy-up send is safe to repeat (same end state; the delete is found again by its idempotency key).
      if (action.attempts + 1 < MAX_SEND_ATTEMPTS) {
        await db().tidyUpAction.update({ where: { id: action.id }, data: { status: "pending", error: `Trying again after: ${message}` } });
        return { state: "waiting", delaySeconds: 2 ** (action.attempts + 1) };
      }
    }
    if (!(error instanceof IntegrationError)) logger.error({ err: error, actionId: action.id }, "tidy-up failed unexpectedly");
    return finish(action.id, "failed", error instanceof IntegrationError ? message : "An unexpected error stopped it: see the console's log.");
  }
}
