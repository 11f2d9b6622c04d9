import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getOptionalActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/capabilities";
import { requirePageActor } from "@/lib/auth/require-page-actor";
import { hygienePorts } from "@/lib/drills/hygiene/hygiene-ports";
import { listDrillLeftovers } from "@/lib/drills/hygiene/list-drill-leftovers";
import { NotFoundError } from "@/lib/errors";
import { getIncidentTitle } from "@/lib/incidents/get-incident-title";
import { getIncidentReport } from "@/lib/reports/get-incident-report";
import type { IncidentReport, ReportDuration } from "@/lib/reports/report-schema";
import { TimeText } from "@/app/_components/time-text";
import { LeftoversPanel } from "@/app/drills/_components/leftovers-panel";
import { FollowUpActions } from "./_components/follow-up-actions";
import { PostReviewChecklist } from "./_components/post-review-checklist";
import { PrintButton } from "./_components/print-button";
import "./report.css";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

async function load(id: string): Promise<IncidentReport> {
  try {
    return await getIncidentReport({ incidentId: id });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  if (!(await getOptionalActor())) return { title: "Report" };
  // One small read: the report (a second build of it, for a long incident most of a second) is built once, by the page.
  const title = await getIncidentTitle({ incidentId: id });
  return { title: title ? `Report: ${title}` : "Report not found" };
}

const span = (d: ReportDuration | null | undefined) => (d ? d.text : "Not measured");
const STATE_LABELS: Record<string, string> = {
  succeeded: "Succeeded", failed: "Failed", skipped: "Skipped", pending: "Not started", ready: "Ready", running: "Running", awaiting_approval: "Awaiting approval",
};

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** The report for the retrospective, written from the incident's records; exports and a print stylesheet for PDF. */
export default async function ReportPage({ params }: Params) {
  const { id } = await params;
  const actor = await requirePageActor({ capability: "read" });
  const report = await load(id);
  const { summary: s, times, dataLoss: d, drTestTemplate: t } = report;
  const ports = hygienePorts.get();
  const leftovers = s.mode === "drill" ? await listDrillLeftovers({ incidentId: id, ports }) : null;
  const exportLink = (format: string) => `/api/v1/incidents/${id}/report?format=${format}`;

  return (
    <div className="app-report" data-testid="report">
      <span className="govuk-caption-l">{s.mode === "drill" ? "DR test report" : "Incident report"}</span>
      <h1 className="govuk-heading-l">{s.title}</h1>
      <p className="govuk-body">
        Written from the {s.mode === "drill" ? "drill's" : "incident's"} records at <TimeText time={report.generatedAt} />. Times are UTC with UK
        local time beside them.
      </p>
      <div className="govuk-button-group app-no-print">
        <a className="govuk-button govuk-button--secondary" href={exportLink("md")} download>
          Download Markdown
        </a>
        <a className="govuk-button govuk-button--secondary" href={exportLink("docx")} download>
          Download Word (.docx)
        </a>
        <a className="govuk-button govuk-button--secondary" href={exportLink("json")} download>
          Download JSON
        </a>
        <PrintButton />
        <Link className="govuk-link" href={`/incidents/${id}`}>
          Back to the {s.mode === "drill" ? "drill" : "incident"}
        </Link>
      </div>

      <h2 className="govuk-heading-m">DR test template</h2>
      <dl className="govuk-summary-list" data-testid="template">
        <Row label="Date"><TimeText time={t.date} /></Row>
        <Row label="Environment">{t.environment}</Row>
        <Row label="Scenarios run">{t.scenariosRun.join("; ")}</Row>
        <Row label="Time taken">{span(t.timeTaken)}</Row>
        <Row label="Outcome">{t.outcome}</Row>
        <Row label="Issues">
          {t.issues.length ? (
            <ul className="govuk-list govuk-list--bullet">
              {t.issues.map((i, n) => <li key={n}>{i}</li>)}
            </ul>
          ) : (
            "None recorded"
          )}
        </Row>
      </dl>

      <h2 className="govuk-heading-m">Summary</h2>
      <dl className="govuk-summary-list">
        <Row label="Services">{s.service.services.map((x) => x.name).join(" and ")}</Row>
        <Row label="Environment">{s.environment.label}{s.environment.production ? " (production)" : ""}</Row>
        <Row label="Scenario">{s.scenario.title}</Row>
        <Row label="Option">{s.option?.title ?? "Not applicable"}</Row>
        <Row label="Mode">{s.mode === "drill" ? "Drill (DR test)" : "Incident"}</Row>
        <Row label="Status">{s.status}{s.closeReason ? `: ${s.closeReason}` : ""}</Row>
        <Row label="Lead">{s.lead.name}</Row>
        <Row label="Participants">{s.participants.map((p) => `${p.name} (${p.role})`).join(", ")}</Row>
      </dl>

      <h2 className="govuk-heading-m">Measured times</h2>
      <table className="govuk-table" data-testid="milestones">
        <caption className="govuk-table__caption govuk-table__caption--s">Milestones, in time order</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Milestone</th>
            <th scope="col" className="govuk-table__header">Time</th>
            <th scope="col" className="govuk-table__header">Measured from</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {times.milestones.map((m) => (
            <tr className="govuk-table__row" key={m.key}>
              <th scope="row" className="govuk-table__header">{m.label}</th>
              <td className="govuk-table__cell"><TimeText time={m.at} /></td>
              <td className="govuk-table__cell">{m.basis}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {times.missing.length > 0 && (
        <ul className="govuk-list govuk-list--bullet">
          {times.missing.map((m) => <li key={m.key}>Not measured: {m.reason}</li>)}
        </ul>
      )}
      <table className="govuk-table" data-testid="phases">
        <caption className="govuk-table__caption govuk-table__caption--s">Durations between the milestones</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">From, to</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Duration</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {times.phases.map((p) => (
            <tr className="govuk-table__row" key={`${p.from}-${p.to}`}>
              <td className="govuk-table__cell">{p.label}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{p.duration.text}</td>
            </tr>
          ))}
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">Total</th>
            <td className="govuk-table__cell govuk-table__cell--numeric"><strong>{span(times.total)}</strong></td>
          </tr>
        </tbody>
      </table>
      <div className="govuk-inset-text" data-testid="rto">
        <strong>RTO, measured: {span(times.rto)}</strong> (service healthy again minus service stopped).
      </div>

      <h2 className="govuk-heading-m">Data loss (RPO)</h2>
      <dl className="govuk-summary-list" data-testid="data-loss">
        <Row label="Restore point"><TimeText time={d.restorePoint} fallback="None" /></Row>
        <Row label="Disaster"><TimeText time={d.disasterAt} fallback="Not known" />{d.disasterBasis ? ` (${d.disasterBasis})` : ""}</Row>
        <Row label="Data-loss window">{span(d.window)}</Row>
        {d.backup && <Row label="Backup used">{d.backup.name}, taken <TimeText time={d.backup.createdAt} /></Row>}
        <Row label="Rows written after the restore point">{d.rowsWrittenAfterRestorePoint === null ? "Not known" : `${d.rowsWrittenAfterRestorePoint} (${d.rowsSource})`}</Row>
      </dl>
      <p className="govuk-body">{d.explanation}</p>

      <h2 className="govuk-heading-m">Steps</h2>
      <div className="app-table-scroll" role="region" aria-label="Steps, scrollable" tabIndex={0}>
        <table className="govuk-table app-report-steps" data-testid="report-steps">
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {["#", "Step", "Who", "Started", "Finished", "Took", "Attempts", "Operations", "Outcome"].map((h) => (
                <th scope="col" className="govuk-table__header" key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {report.steps.map((st) => (
              <tr className="govuk-table__row" key={st.id}>
                <td className="govuk-table__cell">{st.position}</td>
                <th scope="row" className="govuk-table__header">{st.title}</th>
                <td className="govuk-table__cell">{st.who.map((w) => w.name).join(", ") || "No one"}</td>
                <td className="govuk-table__cell"><TimeText time={st.startedAt} fallback="Not started" /></td>
                <td className="govuk-table__cell"><TimeText time={st.finishedAt} fallback="Not finished" /></td>
                <td className="govuk-table__cell">{st.duration?.text ?? "–"}</td>
                <td className="govuk-table__cell">{st.attempts}</td>
                <td className="govuk-table__cell">
                  {st.operations.length === 0 ? "None" : (
                    <ul className="govuk-list govuk-body-s">
                      {st.operations.map((o) => (
                        <li key={o.id}>
                          {o.externalUrl ? <a className="govuk-link" href={o.externalUrl} rel="noreferrer noopener">{o.kind}</a> : o.kind}: {o.status}
                          {o.sendAttempts > 1 ? ` (sent ${o.sendAttempts} times)` : ""}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="govuk-table__cell">
                  <strong>{STATE_LABELS[st.state] ?? st.state}</strong>. {st.outcome}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 className="govuk-heading-m">Problems met</h2>
      {report.problems.length === 0 ? <p className="govuk-body">None.</p> : (
        <ul className="govuk-list govuk-list--bullet" data-testid="problems">
          {report.problems.map((p, n) => <li key={n}>{p.at ? <><TimeText time={p.at} />: </> : null}{p.text}</li>)}
        </ul>
      )}

      <h2 className="govuk-heading-m">Decisions</h2>
      {report.decisions.length === 0 ? <p className="govuk-body">None recorded.</p> : (
        <ul className="govuk-list govuk-list--bullet">
          {report.decisions.map((n, i) => <li key={i}><TimeText time={n.at} />, {n.by.name}: {n.text}</li>)}
        </ul>
      )}
      <h2 className="govuk-heading-m">Notes</h2>
      {report.notes.length === 0 ? <p className="govuk-body">None recorded.</p> : (
        <ul className="govuk-list govuk-list--bullet">
          {report.notes.map((n, i) => <li key={i}><TimeText time={n.at} />, {n.by.name}: {n.text}</li>)}
        </ul>
      )}

      <h2 className="govuk-heading-m">Follow-up actions</h2>
      <FollowUpActions incidentId={id} followUps={report.followUps} canEdit={can(actor.role, "act")} />

      <h2 className="govuk-heading-m">Post-DR review checklist</h2>
      <PostReviewChecklist
        incidentId={id}
        canEdit={can(actor.role, "act")}
        items={report.postReviewChecklist.map((c) => ({ item: c.item, label: c.label, done: c.done, doneText: c.done ? `Done by ${c.by}, ${c.doneAt?.text ?? ""}${c.note ? `: ${c.note}` : ""}` : null }))}
      />

      {leftovers && (
        <>
          <h2 className="govuk-heading-m">Left behind by the drill</h2>
          <LeftoversPanel incidentId={id} leftovers={leftovers} canTidy={can(actor.role, "lead")} portsAvailable={ports !== null} />
        </>
      )}

      <h2 className="govuk-heading-m">Timeline</h2>
      <div className="app-table-scroll" role="region" aria-label="Timeline, scrollable" tabIndex={0}>
        <table className="govuk-table" data-testid="report-timeline">
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Time (UTC, and UK time)</th>
              <th scope="col" className="govuk-table__header">Who</th>
              <th scope="col" className="govuk-table__header">What</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {report.timeline.map((e, n) => (
              <tr className="govuk-table__row" key={e.auditId ?? `m${n}`}>
                <td className="govuk-table__cell"><TimeText time={e.at} /></td>
                <td className="govuk-table__cell">{e.who}</td>
                <td className="govuk-table__cell">{e.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 className="govuk-heading-m">Audit trail</h2>
      <p className="govuk-body" data-testid="audit-verification">
        {report.audit.chainOk ? (
          <>
            <strong className="app-status-ok">Verified</strong> at <TimeText time={report.audit.checkedAt} />: each of its {report.audit.rowsChecked} audit rows matches its
            hash and follows the row before it in the trail, every link intact. This {s.mode === "drill" ? "drill" : "incident"} has {report.audit.incidentRows} rows; the last is row {report.audit.lastRowId ?? "–"} with
            hash <span className="app-code-inline">{report.audit.lastRowHash?.slice(0, 16) ?? "–"}…</span>
          </>
        ) : (
          <>
            <strong className="app-status-bad">Broken</strong>: {report.audit.brokenAt?.message}
          </>
        )}
      </p>
    </div>
  );
}
