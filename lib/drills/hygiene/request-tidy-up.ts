import { appendAuditEvent } from "../../audit/append-audit-event";
import type { ActionContext } from "../../audit/actor";
import { toJsonValue } from "../../audit/canonical-json";
import { assertCan } from "../../auth/capabilities";
import { loadRun } from "../../engine/load-run";
import type { IntegrationPorts } from "../../engine/ports";
import { inTransaction } from "../../engine/transaction";
import { ConflictError, PreconditionFailedError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { getBoss } from "../../jobs/boss";
import { listDrillLeftovers } from "./list-drill-leftovers";
import { ensureTidyUpQueue, enqueueTidyUp } from "./tidy-up-queue";

/**
 * The one-click tidy-up: for each leftover that can be tidied here (all of them, or the `keys` chosen), a
 * TidyUpAction is recorded (request, idempotency key) and audited before anything is sent, then the tidy-up worker
 * carries it out through the ports and verifies the result. Nothing may be running in the incident; a thing with a
 * tidy-up already under way is not asked for twice (the incident is locked while deciding).
 */
export async function requestTidyUp(options: ActionContext & { incidentId: string; keys?: string[]; ports: IntegrationPorts | null }): Promise<{ actionIds: string[]; skipped: string[] }> {
  assertCan({ actor: options.actor, capability: "lead" });
  // Without ports in this process there is no tidy-up worker here either: nothing would carry it out.
  if (!options.ports) throw new PreconditionFailedError("The console is not connected to the live systems here: tidy up by hand (delete the PTR copy in the portal, unfreeze in GitHub, scale with kubectl).");
  const loaded = await loadRun({ incidentId: options.incidentId });
  const busy = loaded.runs.filter((r) => r.state === "running" || r.state === "awaiting_approval");
  if (busy.length) throw new ConflictError(`Steps still in progress: ${busy.map((r) => r.stepId).join(", ")}. Tidy up once they have finished.`, "steps_in_progress");
  const leftovers = (await listDrillLeftovers({ incidentId: loaded.incident.id, ports: options.ports }))
    .filter((l) => l.leftBehind && l.tidyUp && (!options.keys || options.keys.includes(l.key)));
  if (leftovers.length === 0) throw new PreconditionFailedError("Nothing left behind can be tidied up here.");

  const created = await inTransaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`tidy-up:${loaded.incident.id}`}))`;
    const underWay = await tx.tidyUpAction.findMany({ where: { incidentId: loaded.incident.id, status: { in: ["pending", "running"] } }, select: { target: true } });
    const busyKeys = new Set(underWay.map((a) => a.target));
    const todo = leftovers.filter((l) => !busyKeys.has(l.key));
    const count = await tx.tidyUpAction.count({ where: { incidentId: loaded.incident.id } });
    const ids: string[] = [];
    for (const [i, leftover] of todo.entries()) {
      const action = await tx.tidyUpAction.create({
        data: {
          incidentId: loaded.incident.id, kind: leftover.tidyUp!.request.kind, target: leftover.key,
          request: toJsonValue(leftover.tidyUp!.request) as Prisma.InputJsonValue,
          idempotencyKey: `${loaded.incident.id}:tidy-up:${count + i + 1}`,
          requestedById: options.actor.id, requestedByName: options.actor.name,
        },
      });
      ids.push(action.id);
    }
    if (ids.length) {
      await appendAuditEvent(tx, {
        actor: options.actor, action: "drill.tidy_up_requested", outcome: "ok", incidentId: loaded.incident.id,
        inputs: { keys: todo.map((l) => l.key) }, detail: { actionIds: ids, requests: todo.map((l) => l.tidyUp!.request) },
        requestId: options.requestId, correlationId: options.correlationId,
      });
    }
    return { ids, skipped: leftovers.filter((l) => busyKeys.has(l.key)).map((l) => l.key) };
  });
  const boss = await getBoss();
  await ensureTidyUpQueue(boss);
  for (const id of created.ids) await enqueueTidyUp(boss, { actionId: id });
  return { actionIds: created.ids, skipped: created.skipped };
}
