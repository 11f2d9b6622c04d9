import { incidentActionBodySchema } from "@/lib/api/action-bodies";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { parseBody } from "@/lib/api/parse-body";
import { performIncidentAction } from "@/lib/incidents/perform-incident-action";

export const dynamic = "force-dynamic";

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return handleApiRequest(request, async (ctx) => {
    const body = parseBody(incidentActionBodySchema, await ctx.body());
    return { body: await performIncidentAction({ actor: ctx.actor(), requestId: ctx.requestId, incidentId: id, body }) };
    // Notes are for responders and up; the features require a lead to choose the option or close.
  }, { capability: "act" });
}
