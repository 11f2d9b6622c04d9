import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/require-page-actor";
import { getService } from "@/lib/catalogue/catalogue";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { scenarios } from "@/lib/runbooks/scenarios";
import { capitalise } from "@/lib/ui/capitalise";
import { parseUkDateRange } from "@/lib/ui/parse-uk-date-range";
import { ErrorSummary } from "@/app/_components/error-summary";
import { TimeText } from "@/app/_components/time-text";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Incidents and drills" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

const STATUS_TAG = { open: "govuk-tag--turquoise", resolved: "govuk-tag--green", abandoned: "govuk-tag--grey" } as const;

/** Every incident and drill, newest first, filtered by environment, scenario, mode, status and dates (UK days). */
export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageActor({ capability: "read" });
  const search = await searchParams;
  const form = {
    environment: one(search.environment),
    scenario: one(search.scenario),
    mode: one(search.mode),
    status: one(search.status),
    from: one(search.from),
    to: one(search.to),
  };
  const range = parseUkDateRange({ from: form.from, to: form.to });
  const valid = (value: string, allowed: readonly string[]) => (allowed.includes(value) ? value : undefined);
  const filter = {
    environment: valid(form.environment, ["test", "preprod", "production"]),
    scenario: valid(form.scenario, scenarios.map((s) => s.id)),
    mode: valid(form.mode, ["incident", "drill"]),
    status: valid(form.status, ["open", "resolved", "abandoned"]),
    from: range.from,
    to: range.to,
    limit: 200,
  };
  const incidents = range.errors.length ? [] : await listIncidents({ filter });
  const environments = getService("aytq").environments;
  const filtered = Object.values(form).some(Boolean);

  return (
    <>
      <h1 className="govuk-heading-l">Incidents and drills</h1>
      <ErrorSummary items={range.errors.map((e) => ({ href: `filter-${e.field}`, message: e.message }))} />
      <form method="get" className="app-filters" aria-labelledby="filters-heading">
        <h2 className="govuk-heading-s" id="filters-heading">
          Filter
        </h2>
        <div className="app-filters__row">
          <Select id="filter-environment" name="environment" label="Environment" value={form.environment} options={environments.map((e) => [e.key, capitalise(e.label)])} />
          <Select id="filter-scenario" name="scenario" label="Scenario" value={form.scenario} options={scenarios.map((s) => [s.id, s.title])} />
          <Select id="filter-mode" name="mode" label="Mode" value={form.mode} options={[["incident", "Incident"], ["drill", "Drill"]]} />
          <Select id="filter-status" name="status" label="Status" value={form.status} options={[["open", "Open"], ["resolved", "Resolved"], ["abandoned", "Abandoned"]]} />
          <DateField id="filter-from" name="from" label="Opened from (UK date)" value={form.from} error={range.errors.find((e) => e.field === "from")?.message} />
          <DateField id="filter-to" name="to" label="Opened to (UK date)" value={form.to} error={range.errors.find((e) => e.field === "to")?.message} />
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary">
            Apply filters
          </button>
          {filtered && (
            <Link className="govuk-link" href="/incidents">
              Clear filters
            </Link>
          )}
        </div>
      </form>
      {incidents.length === 0 ? (
        <p className="govuk-body" data-testid="no-incidents">
          {filtered ? "No incidents or drills match these filters." : "No incidents or drills yet."}{" "}
          <Link className="govuk-link" href="/incidents/new">Start an incident or drill</Link>.
        </p>
      ) : (
        <table className="govuk-table" data-testid="incidents-table">
          <caption className="govuk-table__caption govuk-table__caption--s">
            {incidents.length} {incidents.length === 1 ? "incident or drill" : "incidents and drills"}, newest first
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Opened</th>
              <th scope="col" className="govuk-table__header">Scenario</th>
              <th scope="col" className="govuk-table__header">Environment</th>
              <th scope="col" className="govuk-table__header">Mode</th>
              <th scope="col" className="govuk-table__header">Status</th>
              <th scope="col" className="govuk-table__header">Lead</th>
              <th scope="col" className="govuk-table__header">Steps</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {incidents.map((i) => (
              <tr className="govuk-table__row" key={i.id}>
                <td className="govuk-table__cell govuk-body-s">
                  <TimeText time={i.createdAt} />
                </td>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" href={`/incidents/${i.id}`}>
                    {i.scenario.title}
                  </Link>
                </td>
                <td className="govuk-table__cell">{capitalise(i.environment.label)}</td>
                <td className="govuk-table__cell">{i.mode === "drill" ? "Drill" : "Incident"}</td>
                <td className="govuk-table__cell">
                  <strong className={`govuk-tag ${STATUS_TAG[i.status]}`}>{i.status}</strong>
                </td>
                <td className="govuk-table__cell">{i.lead.name}</td>
                <td className="govuk-table__cell">
                  {i.steps.succeeded + i.steps.skipped} of {i.steps.total} done{i.steps.failed ? `, ${i.steps.failed} failed` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Select({ id, name, label, value, options }: { id: string; name: string; label: string; value: string; options: [string, string][] }) {
  return (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <select className="govuk-select" id={id} name={name} defaultValue={value}>
        <option value="">Any</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function DateField({ id, name, label, value, error }: { id: string; name: string; label: string; value: string; error?: string }) {
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
      <input className={`govuk-input govuk-input--width-10${error ? " govuk-input--error" : ""}`} id={id} name={name} type="date" defaultValue={value} aria-describedby={error ? `${id}-error` : undefined} />
    </div>
  );
}
