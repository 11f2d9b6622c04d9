import { handleApiRequest } from "@/lib/api/handle-api-request";
import { createIncident } from "@/lib/incidents/create-incident";
import { listIncidents } from "@/lib/incidents/list-incidents";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleApiRequest(request, async ({ query }) => ({ body: { incidents: await listIncidents({ filter: Object.fromEntries(query) }) } }));
}

export function POST(request: Request): Promise<Response> {
  return handleApiRequest(request, async (ctx) => {
    const incident = await createIncident({ actor: ctx.actor(), requestId: ctx.requestId, input: await ctx.body() });
    return { status: 201, body: incident, headers: { location: `/api/v1/incidents/${incident.id}` } };
  }, { capability: "lead" });
}
