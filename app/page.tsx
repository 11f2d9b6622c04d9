import { getConsoleHealth } from "@/lib/health/get-console-health";

export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const health = await getConsoleHealth();
  const ok = health.status === "ok";
  return (
    <>
      <h1 className="govuk-heading-xl">Disaster recovery</h1>
      <p className="govuk-body-l">
        Recovery runbooks for Access your teaching qualifications and Check a teacher&apos;s record, run step by step
        and recorded.
      </p>
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
