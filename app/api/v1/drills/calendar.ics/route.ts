import { buildDrillsIcs } from "@/lib/drills/build-drills-ics";
import { handleDownloadRequest } from "@/lib/reports/handle-download-request";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/drills/calendar.ics: the DR tests as an iCalendar feed. Calendar apps cannot send headers, so besides
 * a session or `Authorization: Bearer`, an API token may come as `?token=` (make a viewer's token for it).
 */
export async function GET(request: Request): Promise<Response> {
  return handleDownloadRequest(request, async () => ({ body: await buildDrillsIcs(), contentType: "text/calendar; charset=utf-8" }), {
    capability: "read",
    allowQueryToken: true,
  });
}
