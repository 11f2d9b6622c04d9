import { assertUuid } from "@/lib/engine/assert-uuid";
import { readAuditAfter } from "@/lib/live/read-audit-after";
import { uiJson } from "../../../_lib/ui-json";

export const dynamic = "force-dynamic";

/** An incident's audit events, oldest first, as the timeline shows them. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return uiJson(async () => {
    assertUuid(id, "incident");
    return { events: await readAuditAfter({ afterId: 0n, incidentId: id, limit: 5000 }) };
  });
}
