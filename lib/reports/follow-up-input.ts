import { z } from "zod";

/** A follow-up action as typed: the card to raise, who owns it, and the card once raised. */
export const followUpInputSchema = z.object({
  title: z.string({ error: "Say what the action is." }).trim().min(3, "Say what the action is (at least 3 characters).").max(200, "Keep the action under 200 characters; put the rest in the detail."),
  detail: z.string().trim().max(2000, "The detail is too long: at most 2000 characters.").optional().transform((v) => v || null),
  owner: z.string().trim().max(200).optional().transform((v) => v || null),
  cardUrl: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^https:\/\/\S+$/.test(v), "The card link must be an https:// address."),
  status: z.enum(["open", "raised", "done", "dropped"], { error: "The status: open, raised, done or dropped." }).default("open"),
});
export type FollowUpInput = z.input<typeof followUpInputSchema>;
