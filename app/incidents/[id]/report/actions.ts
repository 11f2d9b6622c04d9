"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { addFollowUpAction } from "@/lib/reports/add-follow-up-action";
import { setPostReviewCheck } from "@/lib/reports/set-post-review-check";
import { updateFollowUpAction } from "@/lib/reports/update-follow-up-action";

/** The report page's server actions: the follow-up actions and the post-DR review checklist (responders and up). */

const incidentId = z.uuid({ error: "There is no such incident." });
const followUp = z.object({
  title: z.string().max(400),
  detail: z.string().max(4000).optional(),
  owner: z.string().max(400).optional(),
  cardUrl: z.string().max(1000).optional(),
  status: z.string().max(20).optional(),
});

export const addFollowUpActionAction = defineAction({
  name: "report.follow-up.add",
  permission: "act",
  input: z.object({ incidentId, followUp }),
  run: (input, ctx) => addFollowUpAction({ ...ctx, incidentId: input.incidentId, input: input.followUp }),
});

export const updateFollowUpActionAction = defineAction({
  name: "report.follow-up.update",
  permission: "act",
  input: z.object({ incidentId, followUpId: z.uuid({ error: "There is no such follow-up action." }), followUp }),
  run: (input, ctx) => updateFollowUpAction({ ...ctx, incidentId: input.incidentId, followUpId: input.followUpId, input: input.followUp }),
});

export const setPostReviewCheckAction = defineAction({
  name: "report.checklist.set",
  permission: "act",
  input: z.object({ incidentId, item: z.string().max(100), done: z.boolean(), note: z.string().max(1000).optional() }),
  run: ({ incidentId: id, ...input }, ctx) => setPostReviewCheck({ ...ctx, incidentId: id, input }),
});
