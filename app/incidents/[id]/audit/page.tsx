import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/require-page-actor";
import { NotFoundError } from "@/lib/errors";
import { getIncident } from "@/lib/incidents/get-incident";
import { AuditTrail } from "@/app/audit/_components/audit-trail";
import { loadAuditPage } from "@/app/audit/_components/load-audit-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit trail of an incident" };

/** One incident's audit trail, with the chain's verification. */
export default async function IncidentAuditPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageActor({ capability: "read" });
  const { id } = await params;
  const view = await getIncident({ incidentId: id }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const page = await loadAuditPage({ search: await searchParams, incidentId: id });
  return (
    <>
      <Link className="govuk-back-link" href={`/incidents/${id}`}>
        Back to the {view.mode === "drill" ? "drill" : "incident"}
      </Link>
      <span className="govuk-caption-l">
        {view.scenario.title} · {view.environment.label}
      </span>
      <h1 className="govuk-heading-l">Audit trail</h1>
      <AuditTrail basePath={`/incidents/${id}/audit`} showIncident={false} stepTitles={Object.fromEntries(view.steps.map((s) => [s.id, s.title]))} {...page} />
    </>
  );
}
