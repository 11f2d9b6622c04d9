import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { assertCan } from "../auth/capabilities";
import { assertUuid } from "../engine/assert-uuid";
import { inTransaction } from "../engine/transaction";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { createIncident } from "../incidents/create-incident";

/**
 * Starts one scenario of a scheduled DR test as a drill-mode incident in the drill's environment, and links the
 * two. The drill's row is locked while the incident is opened, so two leads pressing start together open one
 * incident: the second is told it is already running (a scenario may be started again once its incident is closed).
 */
export async function startScheduledDrill(options: ActionContext & { drillId: string; scenario: string }): Promise<{ incidentId: string }> {
  assertCan({ actor: options.actor, capability: "lead" });
  assertUuid(options.drillId, "DR test");
  return inTransaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`select id from "ScheduledDrill" where id = ${options.drillId}::uuid for update`;
    if (!locked) throw new NotFoundError(`There is no DR test ${options.drillId}.`);
    const drill = await tx.scheduledDrill.findUniqueOrThrow({ where: { id: options.drillId }, include: { runs: true } });
    if (drill.status === "cancelled" || drill.status === "completed") throw new ConflictError(`This DR test is ${drill.status}.`, `drill_${drill.status}`);
    if (!drill.scenarios.includes(options.scenario)) {
      throw new ValidationError(`This DR test does not include "${options.scenario}": it covers ${drill.scenarios.join(", ")}.`, [{ path: "scenario", message: "not in this DR test" }]);
    }
    const earlier = drill.runs.filter((r) => r.scenario === options.scenario).map((r) => r.incidentId);
    if (earlier.length) {
      const open = await tx.incident.findFirst({ where: { id: { in: earlier }, status: "open" }, select: { id: true } });
      if (open) throw new ConflictError(`This scenario is already running: incident ${open.id}.`, "drill_already_started");
    }
    // Its own transaction (the engine's): committed before this one, which only links it. If linking failed the
    // incident would stay open unlinked, visible in the incidents list; the lock makes that the only way to get two.
    const incident = await createIncident({
      actor: options.actor, requestId: options.requestId, correlationId: drill.id,
      input: { serviceKey: drill.serviceKey, scenario: options.scenario, environment: drill.environment, mode: "drill" },
    });
    await tx.drillRun.create({ data: { drillId: drill.id, incidentId: incident.id, scenario: options.scenario, startedById: options.actor.id, startedByName: options.actor.name } });
    if (drill.status === "scheduled") await tx.scheduledDrill.update({ where: { id: drill.id }, data: { status: "started" } });
    await appendAuditEvent(tx, {
      actor: options.actor, action: "drill.started", outcome: "ok", incidentId: incident.id, inputs: { scenario: options.scenario },
      detail: { drillId: drill.id, environment: drill.environment }, requestId: options.requestId, correlationId: drill.id,
    });
    return { incidentId: incident.id };
  });
}
