"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { cancelDrill } from "@/lib/drills/cancel-drill";
import { hygienePorts } from "@/lib/drills/hygiene/hygiene-ports";
import { requestTidyUp } from "@/lib/drills/hygiene/request-tidy-up";
import { recordDrillOutcome } from "@/lib/drills/record-drill-outcome";
import { removeDrillCadence } from "@/lib/drills/remove-drill-cadence";
import { scheduleDrill } from "@/lib/drills/schedule-drill";
import { setDrillCadence } from "@/lib/drills/set-drill-cadence";
import { startScheduledDrill } from "@/lib/drills/start-scheduled-drill";
import { dismissReminder } from "@/lib/notifications/dismiss-reminder";

/**
 * The DR tests page's server actions: thin. lib/actions/action-client.ts checks who acts and their capability
 * first (the schedule is admins', starting and recording drills leads'), then the input's shape; the feature
 * functions in lib/drills check again and hold the rules.
 */

const id = (what: string) => z.uuid({ error: `There is no such ${what}.` });
const typedTime = z.object({ time: z.string().max(100), zone: z.enum(["uk", "utc"]) });

export const scheduleDrillAction = defineAction({
  name: "drill.schedule",
  permission: "admin",
  input: z.object({
    scenarios: z.array(z.string().max(100)).max(10),
    environment: z.string().max(40),
    scheduledAt: typedTime,
    durationMinutes: z.string().max(10).optional(),
    participants: z.string().max(6000).optional(),
    notes: z.string().max(4000).optional(),
  }),
  run: (input, ctx) => scheduleDrill({ ...ctx, input: { ...input, serviceKey: "aytq", durationMinutes: input.durationMinutes || undefined } }),
});

export const cancelDrillAction = defineAction({
  name: "drill.cancel",
  permission: "admin",
  input: z.object({ drillId: id("DR test"), reason: z.string().max(2000) }),
  run: (input, ctx) => cancelDrill({ ...ctx, ...input }),
});

export const setDrillCadenceAction = defineAction({
  name: "drill.cadence.set",
  permission: "admin",
  input: z.object({ scenario: z.string().max(100), environment: z.string().max(40), intervalMonths: z.string().max(4), startsLocal: z.string().max(40) }),
  run: (input, ctx) => setDrillCadence({ ...ctx, input: { ...input, serviceKey: "aytq" } }),
});

export const removeDrillCadenceAction = defineAction({
  name: "drill.cadence.remove",
  permission: "admin",
  input: z.object({ cadenceId: id("cadence") }),
  run: (input, ctx) => removeDrillCadence({ ...ctx, ...input }),
});

export const startScheduledDrillAction = defineAction({
  name: "drill.start",
  permission: "lead",
  input: z.object({ drillId: id("DR test"), scenario: z.string().max(100) }),
  run: (input, ctx) => startScheduledDrill({ ...ctx, ...input }),
});

export const recordDrillOutcomeAction = defineAction({
  name: "drill.outcome.record",
  permission: "lead",
  input: z.object({
    drillId: id("DR test"),
    incidentId: id("incident").optional(),
    scenario: z.string().max(100),
    result: z.string().max(20),
    timeTakenMinutes: z.string().max(10),
    issues: z.string().max(8000).optional(),
    attachReport: z.boolean().optional(),
  }),
  run: ({ drillId, ...input }, ctx) => recordDrillOutcome({ ...ctx, drillId, input }),
});

export const dismissReminderAction = defineAction({
  name: "drill.reminder.dismiss",
  permission: "act",
  input: z.object({ reminderId: id("reminder") }),
  run: (input, ctx) => dismissReminder({ ...ctx, ...input }),
});

export const requestTidyUpAction = defineAction({
  name: "drill.tidy-up",
  permission: "lead",
  input: z.object({ incidentId: id("incident"), keys: z.array(z.string().max(300)).max(50).optional() }),
  run: (input, ctx) => requestTidyUp({ ...ctx, ...input, ports: hygienePorts.get() }),
});
