import { handleApiRequest } from "@/lib/api/handle-api-request";
import { getIncident } from "@/lib/incidents/get-incident";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return handleApiRequest(request, async () => ({ body: await getIncident({ incidentId: id }) }));
}
