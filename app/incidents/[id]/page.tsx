import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getOptionalActor } from "@/lib/auth/current-actor";
import { requirePageActor } from "@/lib/auth/require-page-actor";
import { isUuid } from "@/lib/engine/assert-uuid";
import { NotFoundError } from "@/lib/errors";
import { getIncidentShared, readLatestAuditShared } from "@/lib/incidents/get-incident-shared";
import { getIncidentTitle } from "@/lib/incidents/get-incident-title";
import type { IncidentView } from "@/lib/incidents/incident-view";
import { getLiveCursor } from "@/lib/live/get-live-cursor";
import { RUN_PAGE_TIMELINE_EVENTS } from "@/lib/live/read-latest-audit";
import { IncidentRun } from "./_components/incident-run";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

async function load(id: string, cursor: string): Promise<IncidentView> {
  try {
    // Without the notes (the timeline shows them), shared with whoever asks at the same moment.
    return await getIncidentShared({ incidentId: id, cursor });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  // Nothing about an incident for someone not signed in, not even its title.
  if (!(await getOptionalActor())) return { title: "Incident" };
  // One small read: the whole incident is read once, by the page, after its live cursor.
  return { title: (await getIncidentTitle({ incidentId: id })) ?? "Incident not found" };
}

/** The run page: the checklist, live, with the timeline beside it. */
export default async function IncidentPage({ params }: Params) {
  const { id } = await params;
  const actor = await requirePageActor({ capability: "read" });
  if (!isUuid(id)) notFound();
  // The cursor first: anything committed while the page renders is replayed by the live feed, never lost.
  const cursor = await getLiveCursor();
  const [loaded, timeline] = await Promise.all([
    load(id, cursor),
    // The latest events, not the first: a long incident has thousands (the audit trail page has them all).
    readLatestAuditShared({ incidentId: id, cursor, limit: RUN_PAGE_TIMELINE_EVENTS }),
  ]);
  // As plain JSON, exactly what the page's later refetches get (z.toJSONSchema's objects are not plain objects).
  const view = JSON.parse(JSON.stringify(loaded)) as IncidentView;
  return <IncidentRun initialView={view} initialTimeline={timeline.events} earlierEvents={timeline.earlier} cursor={cursor} actor={actor} />;
}
