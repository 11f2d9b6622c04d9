import Link from "next/link";
import { can } from "@/lib/auth/capabilities";
import { requirePageActor } from "@/lib/auth/require-page-actor";
import { getDrillsSummary } from "@/lib/drills/get-drills-summary";
import { getConsoleHealth } from "@/lib/health/get-console-health";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { getLiveCursor } from "@/lib/live/get-live-cursor";
import { DrillsSummarySection } from "./_dashboard/drills-summary";
import { EnvironmentHealth } from "./_dashboard/environment-health";
import { OpenIncidents } from "./_dashboard/open-incidents";

export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const health = await getConsoleHealth();
  // Without a database nobody can be signed in: the status below is then all the dashboard can show.
  const actor = health.database.reachable ? await requirePageActor({ capability: "read" }) : null;
  const canOpen = actor !== null && can(actor.role, "lead");
  const ok = health.status === "ok";
  const [live, drills] = ok ? await Promise.all([loadLive(), getDrillsSummary()]) : [null, null];
  return (
    <>
      <h1 className="govuk-heading-xl">Disaster recovery</h1>
      <p className="govuk-body-l">
        Recovery runbooks for Access your teaching qualifications and Check a teacher&apos;s record, run step by step
        and recorded.
      </p>
      {ok && canOpen && (
        <Link href="/incidents/new" role="button" draggable={false} className="govuk-button govuk-button--start" data-module="govuk-button">
          Start an incident or drill
          <svg className="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
          </svg>
        </Link>
      )}
      {live && <OpenIncidents initial={live.open} cursor={live.cursor} />}
      {ok && <EnvironmentHealth />}
      {drills && <DrillsSummarySection summary={drills} />}
      <h2 className="govuk-heading-m">Console status</h2>
      <dl className="govuk-summary-list" data-testid="console-status">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Database</dt>
          <dd className="govuk-summary-list__value">
            {health.database.reachable ? (
              <span className="app-status-ok">Connected</span>
            ) : (
              <span className="app-status-bad">Unreachable: {health.database.error}</span>
            )}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Schema</dt>
          <dd className="govuk-summary-list__value">
            {health.migrations.current ? (
              <span className="app-status-ok">Up to date</span>
            ) : (
              <span className="app-status-bad">
                {health.migrations.error ?? `Pending migrations: ${health.migrations.pending.join(", ")}`}
              </span>
            )}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Version</dt>
          <dd className="govuk-summary-list__value">{health.version}</dd>
        </div>
      </dl>
      {!ok && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            The console cannot record actions until its database is available.
          </strong>
        </div>
      )}
    </>
  );
}

/** What the dashboard shows live; read after the cursor, so the live feed replays anything that lands meanwhile. */
async function loadLive() {
  const cursor = await getLiveCursor();
  const open = await listIncidents({ filter: { status: "open", limit: 50 } });
  return { cursor, open };
}
