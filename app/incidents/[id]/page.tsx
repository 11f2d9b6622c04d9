import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getOptionalActor } from "@/lib/auth/current-actor";
import { requirePageActor } from "@/lib/auth/require-page-actor";
import { NotFoundError } from "@/lib/errors";
import { getIncident } from "@/lib/incidents/get-incident";
import type { IncidentView } from "@/lib/incidents/incident-view";
import { getLiveCursor } from "@/lib/live/get-live-cursor";
import { readAuditAfter } from "@/lib/live/read-audit-after";
import { IncidentRun } from "./_components/incident-run";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

async function load(id: string): Promise<IncidentView> {
  try {
    return await getIncident({ incidentId: id });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  // Nothing about an incident for someone not signed in, not even its title.
  if (!(await getOptionalActor())) return { title: "Incident" };
  const view = await getIncident({ incidentId: id }).catch(() => null);
  return { title: view ? `${view.scenario.title} (${view.environment.label})` : "Incident not found" };
}

/** The run page: the checklist, live, with the timeline beside it. */
export default async function IncidentPage({ params }: Params) {
  const { id } = await params;
  const actor = await requirePageActor({ capability: "read" });
  // The cursor first: anything committed while the page renders is replayed by the live feed, never lost.
  const cursor = await getLiveCursor();
  // As plain JSON, exactly what the page's later refetches get (z.toJSONSchema's objects are not plain objects).
  const view = JSON.parse(JSON.stringify(await load(id))) as IncidentView;
  const timeline = await readAuditAfter({ afterId: 0n, incidentId: id, limit: 5000 });
  return <IncidentRun initialView={view} initialTimeline={timeline} cursor={cursor} actor={actor} />;
}
