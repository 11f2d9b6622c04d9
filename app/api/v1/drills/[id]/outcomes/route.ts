import { handleApiRequest } from "@/lib/api/handle-api-request";
import { recordDrillOutcome } from "@/lib/drills/record-drill-outcome";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/drills/{id}/outcomes { incidentId?, scenario, result: success|fail, timeTakenMinutes, issues,
 * attachReport }: the DR test's post-scenario record, with the report attached and the service list updated (leads).
 */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return handleApiRequest(
    request,
    async ({ actor, body, requestId }) => ({ status: 201, body: await recordDrillOutcome({ actor: actor(), requestId, drillId: id, input: await body() }) }),
    { capability: "lead" },
  );
}
