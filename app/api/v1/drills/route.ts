import { handleApiRequest } from "@/lib/api/handle-api-request";
import { listDrills } from "@/lib/drills/list-drills";
import { scheduleDrill } from "@/lib/drills/schedule-drill";

export const dynamic = "force-dynamic";

/** GET /api/v1/drills?from=&to=&status=: scheduled DR tests in time order, with their runs and outcomes. */
export async function GET(request: Request): Promise<Response> {
  return handleApiRequest(request, async ({ query }) => ({
    body: {
      drills: await listDrills({
        filter: {
          from: query.get("from") ?? undefined,
          to: query.get("to") ?? undefined,
          status: query.getAll("status").length ? (query.getAll("status") as ("scheduled" | "started" | "completed" | "cancelled")[]) : undefined,
        },
      }),
    },
  }));
}

/** POST /api/v1/drills: schedule a DR test (admins): { scenarios, environment, scheduledAt: { time, zone }, participants, notes }. */
export async function POST(request: Request): Promise<Response> {
  return handleApiRequest(
    request,
    async ({ actor, body, requestId }) => {
      const { id } = await scheduleDrill({ actor: actor(), requestId, input: await body() });
      return { status: 201, body: { id }, headers: { location: `/api/v1/drills/${id}` } };
    },
    { capability: "admin" },
  );
}
