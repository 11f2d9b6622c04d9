import { handleApiRequest } from "@/lib/api/handle-api-request";
import { listIncidentAudit } from "@/lib/audit/list-incident-audit";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return handleApiRequest(request, async ({ query }) => ({
    body: { events: await listIncidentAudit({ incidentId: id, afterId: query.get("afterId") ?? undefined, limit: query.get("limit") ?? undefined }) },
  }));
}
