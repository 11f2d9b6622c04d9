import { DateTime } from "luxon";
import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { assertCan } from "../auth/capabilities";
import { getEnvironment, getService } from "../catalogue/catalogue";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { UK_ZONE } from "../time/zone";
import { parseOrThrow, scheduleDrillInputSchema } from "./drill-input";

/** A little slack for a form sent at the stroke of the minute it names. */
const PAST_SLACK_MS = 5 * 60_000;

/**
 * Puts a DR test on the calendar: scenarios, environment, a date and time typed in UK time (stored in UTC, the
 * typed UK wall-clock time kept beside it), participants and notes. Admins manage the schedule. Audited.
 */
export async function scheduleDrill(options: ActionContext & { input: unknown }): Promise<{ id: string }> {
  assertCan({ actor: options.actor, capability: "admin" });
  const input = parseOrThrow(scheduleDrillInputSchema, options.input, "The DR test cannot be scheduled");
  getService(input.serviceKey);
  getEnvironment(input.serviceKey, input.environment);
  const scheduledAt = new Date(input.scheduledAt.utc);
  if (scheduledAt.getTime() < Date.now() - PAST_SLACK_MS) {
    throw new ValidationError("The date and time is in the past: a DR test is scheduled ahead.", [{ path: "scheduledAt", message: "in the past" }]);
  }
  if (input.cadenceId && !(await db().drillCadence.findUnique({ where: { id: input.cadenceId }, select: { id: true } }))) {
    throw new NotFoundError(`There is no DR test cadence ${input.cadenceId}.`);
  }
  const scheduledLocal = DateTime.fromJSDate(scheduledAt, { zone: UK_ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
  return db().$transaction(async (tx) => {
    const drill = await tx.scheduledDrill.create({
      data: {
        serviceKey: input.serviceKey, scenarios: input.scenarios, environment: input.environment, scheduledAt, scheduledLocal,
        durationMinutes: input.durationMinutes, participants: input.participants, notes: input.notes, cadenceId: input.cadenceId ?? null,
        createdById: options.actor.id, createdByName: options.actor.name,
      },
    });
    await appendAuditEvent(tx, {
      actor: options.actor, action: "drill.scheduled", outcome: "ok",
      inputs: { ...input, scheduledAt: input.scheduledAt }, detail: { drillId: drill.id, scheduledAt: scheduledAt.toISOString(), scheduledLocal },
      requestId: options.requestId, correlationId: drill.id,
    });
    return { id: drill.id };
  });
}
