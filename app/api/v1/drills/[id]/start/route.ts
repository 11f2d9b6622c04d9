import { z } from "zod";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { startScheduledDrill } from "@/lib/drills/start-scheduled-drill";
import { ValidationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ scenario: z.string({ error: 'Say which scenario to start: { "scenario": "loss-of-data" }.' }).trim().min(1).max(100) });

/** POST /api/v1/drills/{id}/start { scenario }: start one scenario of the DR test as a drill-mode incident (leads). */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return handleApiRequest(
    request,
    async ({ actor, body, requestId }) => {
      const parsed = bodySchema.safeParse(await body());
      if (!parsed.success) throw new ValidationError(parsed.error.issues[0]!.message, [{ path: "scenario", message: "required" }]);
      const { incidentId } = await startScheduledDrill({ actor: actor(), requestId, drillId: id, scenario: parsed.data.scenario });
      return { status: 201, body: { incidentId }, headers: { location: `/api/v1/incidents/${incidentId}` } };
    },
    { capability: "lead" },
  );
}
