import { assertUuid } from "@/lib/engine/assert-uuid";
import { readLatestAudit, RUN_PAGE_TIMELINE_EVENTS } from "@/lib/live/read-latest-audit";
import { uiJson } from "../../../_lib/ui-json";

export const dynamic = "force-dynamic";

/** An incident's latest audit events, oldest first, as the timeline shows them (the audit page has them all). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return uiJson(async () => {
    assertUuid(id, "incident");
    return readLatestAudit({ incidentId: id, limit: RUN_PAGE_TIMELINE_EVENTS });
  });
}
