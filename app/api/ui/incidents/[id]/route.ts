import { getIncidentShared } from "@/lib/incidents/get-incident-shared";
import { uiJson } from "../../_lib/ui-json";

export const dynamic = "force-dynamic";

/** An incident as the run page shows it (refetched when the live feed says it changed). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  // Without the notes (the timeline shows them); every open run page asks at once after an action: one load for all.
  return uiJson(() => getIncidentShared({ incidentId: id }));
}
