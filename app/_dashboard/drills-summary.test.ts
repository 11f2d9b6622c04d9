import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { DrillsSummary } from "@/lib/drills/get-drills-summary";
import type { DrillView } from "@/lib/drills/drill-view";
import { DrillsSummarySection } from "./drills-summary";

const render = (summary: DrillsSummary) => renderToStaticMarkup(createElement(DrillsSummarySection, { summary })).replace(/<!-- -->/g, "");
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();

const next = {
  id: "5b1f7c1e-0000-4000-8000-00000000f001",
  scenarios: [{ id: "loss-of-data", title: "Scenario 2: Loss of data" }, { id: "loss-of-database-server", title: "Scenario 1: Loss of database server" }],
  environment: { key: "test", label: "test", production: false },
  scheduledAt: { utc: "2027-04-15T08:00:00.000Z", text: "Thu 15 Apr 2027 08:00:00 UTC (09:00:00 BST, UK time)" },
} as DrillView;

const overdue = (scenario: string, environment: string, days: number): DrillsSummary["overdue"][number] => ({
  scenario: { id: scenario, title: scenario },
  environment: { key: environment, label: environment },
  dueAt: { utc: "2026-10-15T08:00:00.000Z", text: "Thu 15 Oct 2026 08:00:00 UTC (09:00:00 BST, UK time)" },
  overdueText: `Overdue by ${days} days`,
});

describe("the dashboard's DR tests", () => {
  it("says when nothing is scheduled or overdue, and links to the DR tests page", () => {
    const html = render({ next: null, overdue: [] });
    expect(text(html)).toBe("DR tests No DR test is scheduled. Nothing is overdue. Schedule and review DR tests");
    expect(html).toContain('href="/drills"');
  });

  it("names the next DR test, linked to it, in UTC with UK time beside it", () => {
    const html = render({ next, overdue: [] });
    expect(text(html)).toContain("Next: Scenario 2: Loss of data and Scenario 1: Loss of database server in test , Thu 15 Apr 2027 08:00:00 UTC (09:00:00 BST, UK time) .");
    expect(html).toContain(`href="/drills/${next.id}"`);
    expect(html).toContain('<time dateTime="2027-04-15T08:00:00.000Z">');
  });

  it("warns of each overdue test with when it was due and by how much", () => {
    expect(text(render({ next: null, overdue: [overdue("Scenario 2", "test", 43)] }))).toContain(
      "Warning One DR test is overdue: Scenario 2 in test: due Thu 15 Oct 2026 08:00:00 UTC (09:00:00 BST, UK time) ; overdue by 43 days.",
    );
    const two = text(render({ next, overdue: [overdue("Scenario 2", "test", 43), overdue("Scenario 1", "production", 12)] }));
    expect(two).toContain("2 DR tests are overdue:");
    expect(two).toContain("Scenario 1 in production: due");
    expect(two).not.toContain("Nothing is overdue");
  });
});
