import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/require-page-actor";
import { getService } from "@/lib/catalogue/catalogue";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { describeScenarios } from "@/lib/runbooks/describe-scenarios";
import { NewIncidentForm, type EnvironmentChoice } from "./new-incident-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Start an incident or drill" };

/** Opening an incident or a drill: which scenario applies, where, and what cannot run there. */
export default async function NewIncidentPage() {
  await requirePageActor({ capability: "lead" });
  const service = getService("aytq");
  const open = await listIncidents({ filter: { status: "open", limit: 200 } });
  const scenarios = describeScenarios({ serviceKey: service.key }).map((s) => ({ id: s.id, title: s.title, summary: s.summary, whenToUse: s.whenToUse }));
  const environments: EnvironmentChoice[] = service.environments.map((e) => ({
    key: e.key,
    label: e.label,
    production: e.production,
    warningsByScenario: Object.fromEntries(describeScenarios({ serviceKey: service.key, environment: e.key }).map((s) => [s.id, s.warnings])),
    open: open.filter((i) => i.environment.key === e.key).map((i) => ({ id: i.id, title: i.scenario.title, mode: i.mode, openedText: i.createdAt.text })),
  }));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Start an incident or drill</h1>
        <p className="govuk-body">
          The console opens the runbook&apos;s checklist for the scenario. AYTQ and CTR share one database and one deployment: recovery affects both.
        </p>
        <NewIncidentForm scenarios={scenarios} environments={environments} />
      </div>
    </div>
  );
}
