import { handleApiRequest } from "@/lib/api/handle-api-request";
import { buildDrillMatrix } from "@/lib/drills/build-drill-matrix";

export const dynamic = "force-dynamic";

/** GET /api/v1/drills/matrix: scenario x environment, each with its last test, cadence, next due date and overdue. */
export async function GET(request: Request): Promise<Response> {
  return handleApiRequest(request, async () => ({ body: await buildDrillMatrix() }));
}
