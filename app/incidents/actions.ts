"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { approveStep } from "@/lib/engine/approve-step";
import { confirmStep } from "@/lib/engine/confirm-step";
import { retryStep } from "@/lib/engine/retry-step";
import { skipStep } from "@/lib/engine/skip-step";
import { startStep } from "@/lib/engine/start-step";
import { chooseBranch } from "@/lib/incidents/choose-branch";
import { closeIncident } from "@/lib/incidents/close-incident";
import { createIncident } from "@/lib/incidents/create-incident";
import { recordNote } from "@/lib/incidents/record-note";

/**
 * The console's server actions: thin. Each is defined with lib/actions/action-client.ts, which checks who acts
 * and whether they may before anything else, validates the input's shape, and applies the error policy; the
 * feature functions (lib/engine, lib/incidents) hold the rules and check again.
 */

const incidentId = z.uuid({ error: "There is no such incident." });
const stepId = z.string().trim().min(1).max(100);
const inputs = z.record(z.string(), z.unknown()).optional();

export const createIncidentAction = defineAction({
  name: "incident.create",
  permission: "lead",
  input: z.object({
    scenario: z.string().max(100),
    environment: z.string().max(40),
    mode: z.string().max(20),
    detectedAt: z.object({ time: z.string().max(100), zone: z.enum(["uk", "utc"]) }).optional(),
  }),
  run: async (input, ctx) => {
    const view = await createIncident({ ...ctx, input: { ...input, serviceKey: "aytq" } });
    return { id: view.id };
  },
});

export const startStepAction = defineAction({
  name: "step.start",
  permission: "act",
  input: z.object({ incidentId, stepId, inputs, confirmation: z.string().max(100).optional() }),
  run: (input, ctx) => startStep({ ...ctx, ...input }),
});

export const retryStepAction = defineAction({
  name: "step.retry",
  permission: "act",
  input: z.object({ incidentId, stepId, inputs, confirmation: z.string().max(100).optional() }),
  run: (input, ctx) => retryStep({ ...ctx, ...input }),
});

export const confirmStepAction = defineAction({
  name: "step.confirm",
  permission: "act",
  input: z.object({ incidentId, stepId, inputs, note: z.string().max(4000).optional() }),
  run: (input, ctx) => confirmStep({ ...ctx, ...input }),
});

export const skipStepAction = defineAction({
  name: "step.skip",
  permission: "act",
  input: z.object({ incidentId, stepId, reason: z.string().max(2000) }),
  run: (input, ctx) => skipStep({ ...ctx, ...input }),
});

export const approveStepAction = defineAction({
  name: "step.approve",
  permission: "lead",
  input: z.object({ incidentId, stepId, inputsHash: z.string().max(64) }),
  run: (input, ctx) => approveStep({ ...ctx, ...input }),
});

export const chooseBranchAction = defineAction({
  name: "incident.choose-branch",
  permission: "lead",
  input: z.object({ incidentId, branch: z.string().max(100), reason: z.string().max(2000) }),
  run: (input, ctx) => chooseBranch({ ...ctx, ...input }),
});

export const recordNoteAction = defineAction({
  name: "incident.note",
  permission: "act",
  input: z.object({ incidentId, stepId: stepId.optional(), text: z.string().max(4000) }),
  run: (input, ctx) => recordNote({ ...ctx, ...input }),
});

export const closeIncidentAction = defineAction({
  name: "incident.close",
  permission: "lead",
  input: z.object({ incidentId, status: z.enum(["resolved", "abandoned"]), reason: z.string().max(2000).optional() }),
  run: (input, ctx) => closeIncident({ ...ctx, ...input }),
});
