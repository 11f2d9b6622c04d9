import { z } from "zod";

/** Request bodies of the action endpoints. Unknown fields are refused so that a typo is not silently ignored. */

export const stepActionBodySchema = z.discriminatedUnion(
  "action",
  [
    z.strictObject({
      action: z.literal("start"),
      inputs: z.record(z.string(), z.unknown()).optional(),
      confirmation: z.string().max(100).optional(),
    }),
    z.strictObject({
      action: z.literal("retry"),
      inputs: z.record(z.string(), z.unknown()).optional(),
      confirmation: z.string().max(100).optional(),
    }),
    z.strictObject({
      action: z.literal("confirm"),
      inputs: z.record(z.string(), z.unknown()).optional(),
      note: z.string().max(4000).optional(),
    }),
    z.strictObject({ action: z.literal("skip"), reason: z.string().max(2000) }),
    z.strictObject({ action: z.literal("approve"), inputsHash: z.string().regex(/^[0-9a-f]{64}$/, "the sha256 inputs hash shown with the request") }),
  ],
  { error: 'action: one of "start", "confirm", "skip", "retry", "approve"' },
);
export type StepActionBody = z.infer<typeof stepActionBodySchema>;

export const incidentActionBodySchema = z.discriminatedUnion(
  "action",
  [
    z.strictObject({ action: z.literal("choose-branch"), branch: z.string().max(100), reason: z.string().max(2000) }),
    z.strictObject({ action: z.literal("note"), text: z.string().max(4000), stepId: z.string().max(100).optional() }),
    z.strictObject({ action: z.literal("close"), status: z.enum(["resolved", "abandoned"]), reason: z.string().max(2000).optional() }),
  ],
  { error: 'action: one of "choose-branch", "note", "close"' },
);
export type IncidentActionBody = z.infer<typeof incidentActionBodySchema>;
