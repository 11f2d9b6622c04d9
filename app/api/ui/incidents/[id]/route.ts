import { getIncident } from "@/lib/incidents/get-incident";
import { uiJson } from "../../_lib/ui-json";

export const dynamic = "force-dynamic";

/** An incident as the run page shows it (refetched when the live feed says it changed). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  // Without the notes: the run page shows them through its timeline (lib/incidents/get-incident.ts).
  return uiJson(() => getIncident({ incidentId: id, withNotes: false }));
}
