"use client";

import Link from "next/link";
import { TimeText } from "@/app/_components/time-text";
import { useRun } from "./run-context";

const STATUS = { open: { label: "Open", tag: "govuk-tag--turquoise" }, resolved: { label: "Resolved", tag: "govuk-tag--green" }, abandoned: { label: "Abandoned", tag: "govuk-tag--grey" } };

/** What the incident is, where, who leads it, the times that matter, and what to know before starting. */
export function IncidentHeader() {
  const { view } = useRun();
  const status = STATUS[view.status];
  const kind = view.mode === "drill" ? "Drill" : "Incident";
  return (
    <>
      {view.environment.production && (
        <div className="app-production-banner" role="region" aria-label="Production" data-testid="production-banner">
          <p className="app-production-banner__text">
            <strong>Production.</strong> Steps on this page change the live services that teachers and employers use. Production changes need a typed
            confirmation and a second incident lead&apos;s approval.
          </p>
        </div>
      )}
      <span className="govuk-caption-l">
        {kind} in {view.environment.label} · {view.service.name}
      </span>
      <h1 className="govuk-heading-l">{view.scenario.title}</h1>
      <p className="govuk-body" id="incident-status" tabIndex={-1}>
        <strong className={`govuk-tag ${status.tag}`}>{status.label}</strong>{" "}
        {view.mode === "drill" && <strong className="govuk-tag govuk-tag--purple">Drill</strong>}{" "}
        {view.environment.production && <strong className="govuk-tag govuk-tag--red">Production</strong>}
      </p>
      {view.status !== "open" && (
        <div className="govuk-notification-banner" role="region" aria-labelledby="closed-banner-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="closed-banner-title">
              Closed
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              This {kind.toLowerCase()} was {view.status} at <TimeText time={view.closedAt} />.
            </p>
            {view.closeReason && <p className="govuk-body">Reason: {view.closeReason}</p>}
          </div>
        </div>
      )}
      <dl className="govuk-summary-list app-summary-list--compact" data-testid="incident-summary">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Incident lead</dt>
          <dd className="govuk-summary-list__value">{view.lead.name}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Detected</dt>
          <dd className="govuk-summary-list__value">
            <TimeText time={view.detectedAt} />
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Opened</dt>
          <dd className="govuk-summary-list__value">
            <TimeText time={view.createdAt} />
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Restore point</dt>
          <dd className="govuk-summary-list__value">
            <TimeText time={view.restorePoint} fallback="Not chosen yet" />
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Taking part</dt>
          <dd className="govuk-summary-list__value">{view.participants.map((p) => p.name).join(", ") || "Nobody yet"}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Records</dt>
          <dd className="govuk-summary-list__value">
            <Link className="govuk-link" href={`/incidents/${view.id}/audit`}>
              Audit trail of this {kind.toLowerCase()}
            </Link>
            {" · "}
            <Link className="govuk-link" href={`/incidents/${view.id}/report`}>
              Report for the retrospective
            </Link>
          </dd>
        </div>
      </dl>
      {view.warnings.length > 0 && (
        <div className="govuk-warning-text" data-testid="incident-warnings">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            <ul className="govuk-list app-warning-list">
              {view.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </>
  );
}
