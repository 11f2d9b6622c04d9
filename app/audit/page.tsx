import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/require-page-actor";
import { AuditTrail } from "./_components/audit-trail";
import { loadAuditPage } from "./_components/load-audit-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit trail" };

/** The whole audit trail: every recorded action, filtered, with the hash chain's verification. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageActor({ capability: "read" });
  const page = await loadAuditPage({ search: await searchParams });
  return (
    <>
      <h1 className="govuk-heading-l">Audit trail</h1>
      <p className="govuk-body">Every action in the console, by people and by the engine, append-only and hash-chained.</p>
      <AuditTrail basePath="/audit" showIncident {...page} />
    </>
  );
}
