import { handleApiRequest } from "@/lib/api/handle-api-request";
import { setDrillCadence } from "@/lib/drills/set-drill-cadence";

export const dynamic = "force-dynamic";

/** POST /api/v1/drills/cadences { scenario, environment, intervalMonths: 1|3|6|12, startsLocal: "2026-01-15 09:00" } (admins). */
export async function POST(request: Request): Promise<Response> {
  return handleApiRequest(
    request,
    async ({ actor, body, requestId }) => ({ status: 201, body: await setDrillCadence({ actor: actor(), requestId, input: await body() }) }),
    { capability: "admin" },
  );
}
