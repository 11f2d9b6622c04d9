import { DateTime } from "luxon";
import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { assertCan } from "../auth/capabilities";
import { getEnvironment, getService } from "../catalogue/catalogue";
import { db } from "../db";
import { UK_ZONE } from "../time/zone";
import { parseOrThrow, setDrillCadenceInputSchema } from "./drill-input";

/**
 * Sets how often a scenario is tested in an environment (e.g. quarterly from 2026-01-15 09:00 UK time): one
 * cadence per scenario and environment, replaced when set again. Admins manage the schedule. Audited.
 */
export async function setDrillCadence(options: ActionContext & { input: unknown }): Promise<{ id: string }> {
  assertCan({ actor: options.actor, capability: "admin" });
  const input = parseOrThrow(setDrillCadenceInputSchema, options.input, "The cadence cannot be set");
  getService(input.serviceKey);
  getEnvironment(input.serviceKey, input.environment);
  const startsAt = DateTime.fromISO(input.startsLocal, { zone: UK_ZONE }).toUTC().toJSDate();
  const data = { intervalMonths: input.intervalMonths, startsLocal: input.startsLocal, startsAt, active: true };
  return db().$transaction(async (tx) => {
    const key = { serviceKey: input.serviceKey, scenario: input.scenario, environment: input.environment };
    const before = await tx.drillCadence.findUnique({ where: { serviceKey_scenario_environment: key } });
    const cadence = await tx.drillCadence.upsert({
      where: { serviceKey_scenario_environment: key },
      create: { ...key, ...data, createdById: options.actor.id, createdByName: options.actor.name },
      update: data,
    });
    await appendAuditEvent(tx, {
      actor: options.actor, action: "drill.cadence_set", outcome: "ok", inputs: input,
      detail: { cadenceId: cadence.id, startsAt: startsAt.toISOString(), before: before ? { intervalMonths: before.intervalMonths, startsLocal: before.startsLocal, active: before.active } : null },
      requestId: options.requestId, correlationId: cadence.id,
    });
    return { id: cadence.id };
  });
}
