import { stepActionBodySchema } from "@/lib/api/action-bodies";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { parseBody } from "@/lib/api/parse-body";
import { performStepAction } from "@/lib/engine/perform-step-action";

export const dynamic = "force-dynamic";

export async function POST(request: Request, context: { params: Promise<{ id: string; stepId: string }> }): Promise<Response> {
  const { id, stepId } = await context.params;
  return handleApiRequest(request, async (ctx) => {
    const body = parseBody(stepActionBodySchema, await ctx.body());
    const result = await performStepAction({ actor: ctx.actor(), requestId: ctx.requestId, incidentId: id, stepId, body });
    // 202: an operation was recorded and is being followed; its progress shows on the incident.
    return { status: result.operationId ? 202 : 200, body: result };
    // Responders and up; the engine decides per step (a production change or an approval needs a lead).
  }, { capability: "act" });
}
