import {
  AlignmentType, BorderStyle, BuilderElement, Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from "docx";
import type { IncidentReport, ReportDuration, ReportTime } from "./report-schema";

/**
 * The report as a Word document, made with the `docx` library (maintained, writes OOXML; no Word needed). It opens
 * with the DR test template's table (date, environment, scenarios run, time taken, outcome, issues), which is also
 * written as custom document properties so that a script can read the fields without parsing the body.
 */

const TIMELINE_STYLE = "TimelineEntry";
/** Timeline lines per paragraph (below). */
const TIMELINE_BLOCK = 25;
const time = (t: ReportTime | null | undefined) => t?.text ?? "—";
const span = (d: ReportDuration | null | undefined) => (d ? `${d.text} (${d.seconds} s)` : "—");
const border = { style: BorderStyle.SINGLE, size: 4, color: "B1B4B6" };
const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };

function text(value: string, bold = false): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: value, bold })] });
}

function heading(value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_2): Paragraph {
  return new Paragraph({ text: value, heading: level, spacing: { before: 240, after: 120 } });
}

function cellOf(value: string | Paragraph, header = false): TableCell {
  return new TableCell({ children: [typeof value === "string" ? text(value, header) : value] });
}

function table(header: string[] | null, rows: (string | Paragraph)[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [
      ...(header ? [new TableRow({ tableHeader: true, children: header.map((h) => cellOf(h, true)) })] : []),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cellOf(c, !header && i === 0)) })),
    ],
  });
}

function bullets(items: string[], empty: string): Paragraph[] {
  if (items.length === 0) return [text(empty)];
  return items.map((i) => new Paragraph({ text: i, bullet: { level: 0 } }));
}

function link(label: string, url: string | null): Paragraph {
  if (!url) return text(label);
  return new Paragraph({ children: [new ExternalHyperlink({ link: url, children: [new TextRun({ text: label, style: "Hyperlink" })] })] });
}

/**
 * The timeline, one line per event in a small style: not a table (a long incident has thousands of events, and a table
 * of them is about 5 times slower to write and to page through in Word), and not a paragraph per line either: lines
 * go TIMELINE_BLOCK to a paragraph, separated by line breaks (`w:br`, as Word writes Shift+Enter), which reads the
 * same and makes the docx package build and write about a third of the objects (10,000 events: about 130 ms instead
 * of 430, bench/README.md).
 */
function timelineParagraphs(lines: string[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (let start = 0; start < lines.length; start += TIMELINE_BLOCK) {
    const children: (string | BuilderElement)[] = [];
    for (let i = start; i < Math.min(start + TIMELINE_BLOCK, lines.length); i += 1) {
      if (i > start) children.push(new BuilderElement({ name: "w:br" }));
      children.push(lines[i]!);
    }
    out.push(new Paragraph({ style: TIMELINE_STYLE, children: [new TextRun({ children })] }));
  }
  return out;
}

export async function renderReportDocx(report: IncidentReport): Promise<Buffer> {
  const s = report.summary;
  const t = report.drTestTemplate;
  const d = report.dataLoss;
  const issues = t.issues.length ? t.issues.join("\n") : "None recorded";
  const doc = new Document({
    title: s.title,
    subject: `${s.scenario.title}, ${s.environment.label}`,
    creator: "DR console",
    description: `Report schema version ${report.schemaVersion}; generated ${report.generatedAt.utc}`,
    styles: {
      paragraphStyles: [
        { id: TIMELINE_STYLE, name: "Timeline entry", basedOn: "Normal", quickFormat: true, run: { size: 18 }, paragraph: { spacing: { after: 0, line: 276 } } },
      ],
    },
    customProperties: [
      { name: "DR test date", value: t.date.utc },
      { name: "Environment", value: t.environment },
      { name: "Scenarios run", value: t.scenariosRun.join("; ") },
      { name: "Time taken", value: t.timeTaken ? t.timeTaken.text : "not known" },
      { name: "Outcome", value: t.outcome },
      { name: "Issues", value: issues.slice(0, 250) },
      { name: "Incident id", value: s.incidentId },
    ],
    sections: [
      {
        children: [
          new Paragraph({ text: s.title, heading: HeadingLevel.TITLE, alignment: AlignmentType.LEFT }),
          text(`Generated ${report.generatedAt.text}. Times are UTC with UK local time beside them.`),

          heading("DR test template"),
          table(null, [
            ["Date", time(t.date)],
            ["Environment", t.environment],
            ["Scenarios run", t.scenariosRun.join("; ")],
            ["Time taken", span(t.timeTaken)],
            ["Outcome", t.outcome],
            ["Issues", issues],
          ]),

          heading("Summary"),
          table(null, [
            ["Services", s.service.services.map((x) => x.name).join(" and ") || s.service.name],
            ["Environment", `${s.environment.label}${s.environment.production ? " (production)" : ""}`],
            ["Scenario", s.scenario.title],
            ["Option", s.option?.title ?? "—"],
            ["Mode", s.mode],
            ["Status", `${s.status}${s.closeReason ? `: ${s.closeReason}` : ""}`],
            ["Lead", s.lead.name],
            ["Participants", s.participants.map((p) => `${p.name} (${p.role})`).join(", ")],
          ]),

          heading("Measured times"),
          table(["Milestone", "Time", "Measured from"], report.times.milestones.map((m) => [m.label, time(m.at), m.basis])),
          ...report.times.missing.map((m) => text(`Not measured: ${m.key}: ${m.reason}`)),
          text(""),
          table(["Phase", "Duration"], [...report.times.phases.map((p) => [p.label, span(p.duration)]), ["Total", span(report.times.total)]]),
          text(`RTO (measured: healthy again minus service stopped): ${span(report.times.rto)}`, true),
          text(`Restore point: ${time(report.times.restorePoint)}`),

          heading("Data loss (RPO)"),
          table(null, [
            ["Method", d.method],
            ["Restore point", time(d.restorePoint)],
            ["Disaster", `${time(d.disasterAt)}${d.disasterBasis ? ` (${d.disasterBasis})` : ""}`],
            ["Data-loss window", span(d.window)],
            ["Backup used", d.backup ? `${d.backup.name}, taken ${d.backup.createdAt.text}` : "—"],
            ["Rows written after the restore point", d.rowsWrittenAfterRestorePoint === null ? "Not known" : `${d.rowsWrittenAfterRestorePoint} (${d.rowsSource})`],
          ]),
          text(d.explanation),

          heading("Steps"),
          table(["#", "Step", "Who", "Started", "Finished", "Duration", "Attempts", "Operations", "Outcome"], report.steps.map((st) => [
            String(st.position), st.title, st.who.map((w) => w.name).join(", ") || "—", time(st.startedAt), time(st.finishedAt), span(st.duration), String(st.attempts),
            st.operations.length ? link(st.operations.map((o) => `${o.kind} ${o.status}`).join(", "), st.operations.find((o) => o.externalUrl)?.externalUrl ?? null) : "—",
            st.outcome,
          ])),

          heading("Timeline"),
          ...timelineParagraphs(report.timeline.map((e) => `${time(e.at)} · ${e.who} · ${e.text}`)),

          heading("Decisions"),
          ...bullets(report.decisions.map((n) => `${n.at.text}, ${n.by.name}: ${n.text}`), "None recorded."),
          heading("Notes"),
          ...bullets(report.notes.map((n) => `${n.at.text}, ${n.by.name}: ${n.text}`), "None recorded."),
          heading("Problems met"),
          ...bullets(report.problems.map((p) => `${p.at ? `${p.at.text}: ` : ""}${p.text}`), "None."),

          heading("Follow-up actions"),
          ...(report.followUps.length
            ? [table(["Action", "Owner", "Status", "Card"], report.followUps.map((f) => [`${f.title}${f.detail ? `: ${f.detail}` : ""}`, f.owner ?? "—", f.status, link(f.cardUrl ?? "—", f.cardUrl)]))]
            : [text("None recorded.")]),

          heading("Post-DR review checklist"),
          ...bullets(report.postReviewChecklist.map((c) => `${c.done ? "Done" : "Not done"}: ${c.label}${c.done ? ` (${c.by}, ${time(c.doneAt)})` : ""}${c.note ? `: ${c.note}` : ""}`), "—"),

          heading("Audit trail"),
          text(report.audit.chainOk
            ? `Verified at ${report.audit.checkedAt.text}: each of this incident's ${report.audit.rowsChecked} audit rows matches its hash and follows the row before it in the trail, every link intact. This incident has ${report.audit.incidentRows} rows; the last is row ${report.audit.lastRowId ?? "—"}, hash ${report.audit.lastRowHash ?? "—"}.`
            : `Chain broken (checked ${report.audit.checkedAt.text}): ${report.audit.brokenAt?.message ?? "unknown"}.`),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
