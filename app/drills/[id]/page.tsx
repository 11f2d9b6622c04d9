import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getOptionalActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/capabilities";
import { requirePageActor } from "@/lib/auth/require-page-actor";
import { getDrill } from "@/lib/drills/get-drill";
import type { DrillView } from "@/lib/drills/drill-view";
import { hygienePorts } from "@/lib/drills/hygiene/hygiene-ports";
import { listDrillLeftovers } from "@/lib/drills/hygiene/list-drill-leftovers";
import { NotFoundError } from "@/lib/errors";
import { getIncidentReport } from "@/lib/reports/get-incident-report";
import { capitalise } from "@/lib/ui/capitalise";
import { TimeText } from "@/app/_components/time-text";
import { CancelDrillForm } from "../_components/cancel-drill-form";
import { LeftoversPanel } from "../_components/leftovers-panel";
import { OutcomeForm } from "../_components/outcome-form";
import { StartDrillButtons } from "../_components/start-drill-buttons";
import "../drills.css";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

async function load(id: string): Promise<DrillView> {
  try {
    return await getDrill({ drillId: id });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  if (!(await getOptionalActor())) return { title: "DR test" };
  const drill = await getDrill({ drillId: id }).catch(() => null);
  return { title: drill ? `DR test ${drill.scheduledLocalText}` : "DR test not found" };
}

/** One DR test: its details, starting each scenario as a drill, the post-scenario record, and what it left behind. */
export default async function DrillPage({ params }: Params) {
  const { id } = await params;
  const actor = await requirePageActor({ capability: "read" });
  const drill = await load(id);
  const ports = hygienePorts.get();
  const isLead = can(actor.role, "lead");
  const open = drill.status === "scheduled" || drill.status === "started";
  const runs = await Promise.all(
    drill.runs.map(async (run) => {
      const [report, leftovers] = await Promise.all([getIncidentReport({ incidentId: run.incidentId }), listDrillLeftovers({ incidentId: run.incidentId, ports })]);
      return { run, report, leftovers, outcome: drill.outcomes.find((o) => o.incidentId === run.incidentId) ?? null };
    }),
  );

  return (
    <>
      <span className="govuk-caption-l">DR test</span>
      <h1 className="govuk-heading-l">
        {drill.scenarios.map((s) => s.title).join(" and ")} in {drill.environment.label}
      </h1>
      <dl className="govuk-summary-list" data-testid="drill-details">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">When</dt>
          <dd className="govuk-summary-list__value">
            <TimeText time={drill.scheduledAt} />, for {drill.durationMinutes} minutes
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Environment</dt>
          <dd className="govuk-summary-list__value">{capitalise(drill.environment.label)}{drill.environment.production ? " (the live service)" : ""}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Status</dt>
          <dd className="govuk-summary-list__value">{capitalise(drill.status)}{drill.cancelReason ? `: ${drill.cancelReason}` : ""}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Participants</dt>
          <dd className="govuk-summary-list__value">{drill.participants.length ? drill.participants.join(", ") : "None listed"}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Notes</dt>
          <dd className="govuk-summary-list__value">{drill.notes ?? "None"}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Scheduled by</dt>
          <dd className="govuk-summary-list__value">{drill.createdBy.name}</dd>
        </div>
      </dl>

      {open && isLead && (
        <>
          <h2 className="govuk-heading-m">Start the drill</h2>
          <p className="govuk-body">Each scenario opens as a drill-mode incident in {drill.environment.label}, with the DR test&apos;s post-scenario steps.</p>
          <StartDrillButtons
            drillId={drill.id}
            environmentLabel={drill.environment.label}
            scenarios={drill.scenarios.map((s) => ({ ...s, running: drill.runs.find((r) => r.scenario === s.id && r.incidentStatus === "open")?.incidentId ?? null }))}
          />
        </>
      )}

      <h2 className="govuk-heading-m">Runs</h2>
      {runs.length === 0 ? (
        <p className="govuk-body">Not started yet.</p>
      ) : (
        runs.map(({ run, report, leftovers, outcome }) => (
          <section key={run.incidentId} className="app-drill-run" aria-labelledby={`run-${run.incidentId}`} data-testid="drill-run">
            <h3 className="govuk-heading-s" id={`run-${run.incidentId}`}>
              {run.scenarioTitle}, started <TimeText time={run.startedAt} /> by {run.startedBy.name} ({run.incidentStatus})
            </h3>
            <p className="govuk-body">
              <Link className="govuk-link" href={`/incidents/${run.incidentId}`}>The run page</Link> ·{" "}
              <Link className="govuk-link" href={`/incidents/${run.incidentId}/report`}>The report</Link>
            </p>
            {outcome ? (
              <dl className="govuk-summary-list">
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Outcome</dt>
                  <dd className="govuk-summary-list__value">
                    <strong className={`govuk-tag ${outcome.result === "success" ? "govuk-tag--green" : "govuk-tag--red"}`}>{outcome.result === "success" ? "Success" : "Fail"}</strong>, recorded by{" "}
                    {outcome.recordedBy.name}, <TimeText time={outcome.recordedAt} />
                  </dd>
                </div>
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Time taken</dt>
                  <dd className="govuk-summary-list__value">{outcome.timeTakenMinutes} minutes</dd>
                </div>
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Issues</dt>
                  <dd className="govuk-summary-list__value app-pre-line">{outcome.issues || "None"}</dd>
                </div>
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Report attached</dt>
                  <dd className="govuk-summary-list__value">{outcome.hasReport ? <>Yes (sha256 <span className="app-code-inline">{outcome.reportSha256?.slice(0, 16)}…</span>)</> : "No"}</dd>
                </div>
              </dl>
            ) : isLead ? (
              <>
                <h4 className="govuk-heading-s">Post-scenario record</h4>
                <OutcomeForm
                  drillId={drill.id}
                  incidentId={run.incidentId}
                  scenario={{ id: run.scenario, title: run.scenarioTitle }}
                  suggestedMinutes={report.drTestTemplate.timeTaken ? Math.round(report.drTestTemplate.timeTaken.seconds / 60) : null}
                  suggestedIssues={report.drTestTemplate.issues.join("\n")}
                />
              </>
            ) : (
              <p className="govuk-body">The outcome is not recorded yet (incident leads record it).</p>
            )}
            <h4 className="govuk-heading-s">Left behind</h4>
            <LeftoversPanel incidentId={run.incidentId} leftovers={leftovers} canTidy={isLead} portsAvailable={ports !== null} />
          </section>
        ))
      )}

      {drill.status === "scheduled" && can(actor.role, "admin") && (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Cancel this DR test</span>
          </summary>
          <div className="govuk-details__text">
            <CancelDrillForm drillId={drill.id} />
          </div>
        </details>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" href="/drills">All DR tests</Link>
      </p>
    </>
  );
}
