import Link from "next/link";
import type { AuditChainResult } from "@/lib/audit/verify-audit-chain";
import type { AuditTrailRow } from "@/lib/incidents/search-audit-trail";
import { describeInstant } from "@/lib/time/describe-instant";
import { ErrorSummary } from "@/app/_components/error-summary";

export interface AuditFilterForm {
  incidentId?: string;
  actor: string;
  action: string;
  outcome: string;
  from: string;
  to: string;
}

/** The chain verification result, the filters and the rows of an audit page (the whole trail or one incident's). */
export function AuditTrail(props: {
  basePath: string;
  chain: AuditChainResult;
  form: AuditFilterForm;
  errors: { field: "from" | "to"; message: string }[];
  actions: string[];
  rows: AuditTrailRow[];
  olderBefore: string | null;
  showIncident: boolean;
  stepTitles?: Record<string, string>;
}) {
  const { form } = props;
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...form, ...extra })) if (v && !(k === "incidentId" && !props.showIncident)) params.set(k, v);
    return `${props.basePath}?${params.toString()}`;
  };
  return (
    <>
      <ChainResult chain={props.chain} />
      <ErrorSummary items={props.errors.map((e) => ({ href: `audit-${e.field}`, message: e.message }))} />
      <form method="get" className="app-filters" aria-labelledby="audit-filters-heading">
        <h2 className="govuk-heading-s" id="audit-filters-heading">
          Filter
        </h2>
        <div className="app-filters__row">
          {props.showIncident && <Text id="audit-incident" name="incidentId" label="Incident id" value={form.incidentId ?? ""} width="govuk-input--width-20" />}
          <Text id="audit-actor" name="actor" label="Who (name or id)" value={form.actor} width="govuk-input--width-10" />
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="audit-action">
              Action
            </label>
            <select className="govuk-select" id="audit-action" name="action" defaultValue={form.action}>
              <option value="">Any</option>
              {[...new Set(props.actions.map((a) => `${a.split(".")[0]}.`))].map((prefix) => (
                <option key={prefix} value={prefix}>
                  Any {prefix.slice(0, -1)} action
                </option>
              ))}
              {props.actions.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </div>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="audit-outcome">
              Outcome
            </label>
            <select className="govuk-select" id="audit-outcome" name="outcome" defaultValue={form.outcome}>
              <option value="">Any</option>
              {["ok", "failed", "refused"].map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </div>
          <Text id="audit-from" name="from" label="From (UK date)" value={form.from} type="date" error={props.errors.find((e) => e.field === "from")?.message} />
          <Text id="audit-to" name="to" label="To (UK date)" value={form.to} type="date" error={props.errors.find((e) => e.field === "to")?.message} />
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary">
            Apply filters
          </button>
          <Link className="govuk-link" href={props.basePath}>
            Clear filters
          </Link>
        </div>
      </form>
      {props.rows.length === 0 ? (
        <p className="govuk-body" data-testid="audit-empty">
          No audit events match.
        </p>
      ) : (
        <table className="govuk-table app-audit-table" data-testid="audit-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Newest first</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">#</th>
              <th scope="col" className="govuk-table__header">When</th>
              <th scope="col" className="govuk-table__header">Who</th>
              <th scope="col" className="govuk-table__header">Action</th>
              {props.showIncident && <th scope="col" className="govuk-table__header">Incident</th>}
              <th scope="col" className="govuk-table__header">Step</th>
              <th scope="col" className="govuk-table__header">Outcome</th>
              <th scope="col" className="govuk-table__header">Details</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {props.rows.map((row) => (
              <tr className="govuk-table__row" key={row.id} data-audit-id={row.id}>
                <td className="govuk-table__cell">{row.id}</td>
                <td className="govuk-table__cell govuk-body-s">
                  <time dateTime={row.occurredAt}>{row.occurredAtText}</time>
                </td>
                <td className="govuk-table__cell">
                  {row.actor.name} <span className="govuk-body-s">({row.actor.role})</span>
                </td>
                <td className="govuk-table__cell">
                  <code>{row.action}</code>
                </td>
                {props.showIncident && (
                  <td className="govuk-table__cell">
                    {row.incidentId ? (
                      <Link className="govuk-link" href={`/incidents/${row.incidentId}`}>
                        {row.incidentId.slice(0, 8)}
                        <span className="govuk-visually-hidden"> (incident {row.incidentId})</span>
                      </Link>
                    ) : (
                      "–"
                    )}
                  </td>
                )}
                <td className="govuk-table__cell">{row.stepId ? (props.stepTitles?.[row.stepId] ?? row.stepId) : "–"}</td>
                <td className="govuk-table__cell">{row.outcome}</td>
                <td className="govuk-table__cell">
                  <details className="govuk-details app-audit-details">
                    <summary className="govuk-details__summary">
                      <span className="govuk-details__summary-text">
                        Show<span className="govuk-visually-hidden"> details of event {row.id}</span>
                      </span>
                    </summary>
                    <div className="govuk-details__text">
                      <pre className="app-code">{JSON.stringify({ inputs: row.inputs, detail: row.detail, requestId: row.requestId, operationId: row.operationId, hash: row.hash, prevHash: row.prevHash }, null, 2)}</pre>
                    </div>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.olderBefore && (
        <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of the audit trail">
          <div className="govuk-pagination__next">
            <a className="govuk-link govuk-pagination__link" href={query({ before: props.olderBefore })} rel="next">
              <span className="govuk-pagination__link-title">Older events</span>
            </a>
          </div>
        </nav>
      )}
    </>
  );
}

function ChainResult({ chain }: { chain: AuditChainResult }) {
  const at = describeInstant({ instant: chain.checkedAt }).text;
  if (chain.ok) {
    return (
      <div className="govuk-notification-banner govuk-notification-banner--success" role="region" aria-labelledby="chain-title" data-testid="chain-result" data-ok="true">
        <div className="govuk-notification-banner__header">
          <h2 className="govuk-notification-banner__title" id="chain-title">
            Audit trail verified
          </h2>
        </div>
        <div className="govuk-notification-banner__content">
          <p className="govuk-notification-banner__heading">The hash chain is intact: {chain.checked} events checked.</p>
          <p className="govuk-body">
            Each event&apos;s hash was recomputed from its contents and matched, and each names the one before it{chain.lastId ? ` (last event #${chain.lastId})` : ""}. Checked {at}.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-error-summary" data-testid="chain-result" data-ok="false">
      <div role="alert">
        <h2 className="govuk-error-summary__title">The audit trail does not verify</h2>
        <div className="govuk-error-summary__body">
          <p className="govuk-body">
            {chain.brokenAt.message} {chain.checked} events before it verified. Checked {at}.
          </p>
        </div>
      </div>
    </div>
  );
}

function Text({ id, name, label, value, width, type = "text", error }: { id: string; name: string; label: string; value: string; width?: string; type?: string; error?: string }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <input className={`govuk-input ${width ?? "govuk-input--width-10"}${error ? " govuk-input--error" : ""}`} id={id} name={name} type={type} defaultValue={value} autoComplete="off" aria-describedby={error ? `${id}-error` : undefined} />
    </div>
  );
}
