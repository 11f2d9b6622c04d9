import { handleApiRequest } from "@/lib/api/handle-api-request";
import { getDrill } from "@/lib/drills/get-drill";

export const dynamic = "force-dynamic";

/** GET /api/v1/drills/{id}: one scheduled DR test with its runs (drill-mode incidents) and outcomes. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return handleApiRequest(request, async () => ({ body: await getDrill({ drillId: id }) }));
}
