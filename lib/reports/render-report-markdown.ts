import type { IncidentReport, ReportDuration, ReportTime } from "./report-schema";

/** Markdown table cells: pipes and line breaks would break the table. */
const cell = (value: string | number | null | undefined) => String(value ?? "—").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const time = (t: ReportTime | null | undefined) => t?.text ?? "—";
const span = (d: ReportDuration | null | undefined) => (d ? `${d.text} (${d.seconds} s)` : "—");

function table(header: string[], rows: (string | number | null | undefined)[][]): string {
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}

/** The report as Markdown (GitHub-flavoured tables), for a wiki page or a pull request. */
export function renderReportMarkdown(report: IncidentReport): string {
  const s = report.summary;
  const out: string[] = [];
  out.push(`# ${s.title}`);
  out.push(`Report generated ${report.generatedAt.text}. Times are UTC with UK local time beside them. Report schema version ${report.schemaVersion}.`);

  out.push("## DR test template");
  out.push(table(["Field", "Value"], [
    ["Date", time(report.drTestTemplate.date)],
    ["Environment", report.drTestTemplate.environment],
    ["Scenarios run", report.drTestTemplate.scenariosRun.join("; ")],
    ["Time taken", span(report.drTestTemplate.timeTaken)],
    ["Outcome", report.drTestTemplate.outcome],
    ["Issues", report.drTestTemplate.issues.length ? report.drTestTemplate.issues.join("; ") : "None recorded"],
  ]));

  out.push("## Summary");
  out.push(table(["", ""], [
    ["Services", s.service.services.map((x) => x.name).join(" and ") || s.service.name],
    ["Environment", `${s.environment.label}${s.environment.production ? " (production)" : ""}`],
    ["Scenario", s.scenario.title],
    ["Option", s.option?.title ?? "—"],
    ["Mode", s.mode],
    ["Status", `${s.status}${s.closeReason ? `: ${s.closeReason}` : ""}`],
    ["Lead", s.lead.name],
    ["Participants", s.participants.map((p) => `${p.name} (${p.role})`).join(", ")],
    ["Opened", time(s.openedAt)],
  ]));

  out.push("## Measured times");
  out.push(table(["Milestone", "Time", "Measured from"], report.times.milestones.map((m) => [m.label, time(m.at), m.basis])));
  if (report.times.missing.length) out.push(report.times.missing.map((m) => `- Not measured: ${m.key}: ${m.reason}`).join("\n"));
  out.push(table(["Phase", "Duration"], [
    ...report.times.phases.map((p) => [p.label, span(p.duration)]),
    ["Total", span(report.times.total)],
  ]));
  out.push(`**RTO (measured: healthy again minus service stopped):** ${span(report.times.rto)}`);
  out.push(`**Restore point:** ${time(report.times.restorePoint)}`);

  const d = report.dataLoss;
  out.push("## Data loss (RPO)");
  out.push(table(["", ""], [
    ["Method", d.method],
    ["Restore point", time(d.restorePoint)],
    ["Disaster", `${time(d.disasterAt)}${d.disasterBasis ? ` (${d.disasterBasis})` : ""}`],
    ["Data-loss window", span(d.window)],
    ["Backup used", d.backup ? `${d.backup.name}, taken ${d.backup.createdAt.text}, age ${d.backup.age?.text ?? "unknown"}` : "—"],
    ["Rows written after the restore point", d.rowsWrittenAfterRestorePoint === null ? "Not known" : `${d.rowsWrittenAfterRestorePoint} (${d.rowsSource})`],
  ]));
  out.push(d.explanation);

  out.push("## Steps");
  out.push(table(["#", "Step", "Who", "Started", "Finished", "Duration", "Attempts", "Operations", "Outcome"], report.steps.map((st) => [
    st.position,
    `${st.title} (${st.id})`,
    st.who.map((w) => w.name).join(", "),
    time(st.startedAt),
    time(st.finishedAt),
    span(st.duration),
    st.attempts,
    st.operations.map((o) => (o.externalUrl ? `[${o.kind} ${o.status}](${o.externalUrl})` : `${o.kind} ${o.status}`)).join(", "),
    st.outcome,
  ])));

  out.push("## Timeline");
  out.push(table(["Time", "Who", "What"], report.timeline.map((t) => [time(t.at), t.who, t.text])));

  out.push("## Decisions");
  out.push(report.decisions.length ? report.decisions.map((n) => `- ${n.at.text}, ${n.by.name}: ${n.text}`).join("\n") : "None recorded.");
  out.push("## Notes");
  out.push(report.notes.length ? report.notes.map((n) => `- ${n.at.text}, ${n.by.name}: ${n.text}`).join("\n") : "None recorded.");
  out.push("## Problems met");
  out.push(report.problems.length ? report.problems.map((p) => `- ${p.at ? `${p.at.text}: ` : ""}${p.text}`).join("\n") : "None.");

  out.push("## Follow-up actions");
  out.push(report.followUps.length
    ? table(["Action", "Owner", "Status", "Card"], report.followUps.map((f) => [`${f.title}${f.detail ? `: ${f.detail}` : ""}`, f.owner, f.status, f.cardUrl]))
    : "None recorded.");

  out.push("## Post-DR review checklist");
  out.push(report.postReviewChecklist.map((c) => `- [${c.done ? "x" : " "}] ${c.label}${c.done ? ` (${c.by}, ${time(c.doneAt)})` : ""}${c.note ? `: ${c.note}` : ""}`).join("\n"));

  const a = report.audit;
  out.push("## Audit trail");
  out.push(a.chainOk
    ? `Verified at ${a.checkedAt.text}: each of this incident's ${a.rowsChecked} audit rows matches its hash and follows the row before it in the trail, every link intact. This incident has ${a.incidentRows} rows; the last is row ${a.lastRowId ?? "—"} with hash \`${a.lastRowHash ?? "—"}\`.`
    : `**Chain broken** (checked ${a.checkedAt.text}): ${a.brokenAt?.message ?? "unknown"}.`);
  return `${out.join("\n\n")}\n`;
}
