import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { expectNoAxeViolations } from "./support/accessibility";
import { expectStepState, step } from "./support/incidents";
import { PEOPLE, signInAs } from "./support/sign-in";

/**
 * Issue 8's DR tests page: an admin schedules a drill in UK time (UTC read back as they type), finds it on the
 * calendar and in the .ics feed, starts it as a drill-mode incident (landing on its run page), and reads its report.
 * axe (WCAG 2.2 AA) on the DR tests page, the drill's page and the report.
 */
test("schedule a DR test, see it on the calendar and in the feed, start it, and read its report", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, PEOPLE.admin);
  await page.goto("/drills");
  await expect(page.getByRole("heading", { level: 1, name: "DR tests" })).toBeVisible();
  await expect(page.getByTestId("drill-matrix")).toBeVisible();
  await expectNoAxeViolations(page, "the DR tests page");

  // Tomorrow at 10:00 UK time, typed on the UK clock.
  const when = DateTime.now().setZone("Europe/London").setLocale("en-GB").plus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  const form = page.getByTestId("schedule-drill-form");
  await form.getByRole("button", { name: "Schedule the DR test" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toBeVisible();
  await expect(form.getByText("Select at least one scenario").first()).toBeVisible();
  await expectNoAxeViolations(page, "the schedule form with errors");

  await form.getByRole("group", { name: "Scenarios to test" }).getByLabel("Scenario 2: Loss of data").check();
  await form.getByRole("group", { name: "Environment" }).getByLabel("Test", { exact: true }).check();
  await form.getByLabel("Date and time", { exact: true }).fill(when.toFormat("yyyy-MM-dd HH:mm"));
  await expect(form.getByTestId("drill-at-preview")).toContainText(`${when.toUTC().toFormat("HH:mm")}:00 UTC`);
  await form.getByLabel("Participants (optional)").fill("Ada Admin\nLena Lead");
  await form.getByLabel("Notes (optional)").fill("End-to-end test drill.");
  await form.getByRole("button", { name: "Schedule the DR test" }).click();

  await page.waitForURL(/\/drills\?scheduled=[0-9a-f-]{36}/);
  await expect(page.getByTestId("scheduled-banner")).toContainText(`DR test scheduled for ${when.toFormat("ccc d LLL yyyy HH:mm")}`);
  const drillId = new URL(page.url()).searchParams.get("scheduled")!;
  const calendar = page.getByTestId("drill-calendar");
  await expect(calendar.getByRole("caption")).toHaveText(when.toFormat("LLLL yyyy"));
  const day = calendar.locator(`td[data-date="${when.toISODate()}"]`);
  const event = day.getByRole("link", { name: `10:00 ${when.offsetNameShort} (${when.toUTC().toFormat("HH:mm")} UTC): DR test: Scenario 2: Loss of data in test` });
  await expect(event).toBeVisible();
  await expectNoAxeViolations(page, "the DR tests page after scheduling");

  const feed = await page.request.get("/api/v1/drills/calendar.ics");
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toMatch(/^text\/calendar/);
  const ics = await feed.text();
  expect(ics).toContain(`UID:drill-${drillId}@dr-console`);
  expect(ics).toContain(`DTSTART:${when.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`);

  // The dashboard names it as the next DR test, in UTC with UK time beside it.
  const drillsPage = page.url();
  await page.goto("/");
  const next = page.getByTestId("next-dr-test");
  await expect(next.getByRole("link", { name: "Scenario 2: Loss of data in test" })).toHaveAttribute("href", `/drills/${drillId}`);
  await expect(next).toContainText(`${when.toUTC().toFormat("HH:mm")}:00 UTC (${when.toFormat("HH:mm")}:00 ${when.offsetNameShort}, UK time)`);
  await expectNoAxeViolations(page, "the dashboard with a DR test scheduled");
  await page.goto(drillsPage);

  await event.click();
  await page.waitForURL(`**/drills/${drillId}`);
  await expect(page.getByTestId("drill-details")).toContainText("Ada Admin, Lena Lead");
  await expectNoAxeViolations(page, "the drill's page");

  await page.getByRole("button", { name: "Start Scenario 2: Loss of data in test" }).click();
  await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
  const incidentId = page.url().split("/").at(-1)!;
  await expect(page.getByRole("heading", { level: 2, name: "Checklist" })).toBeVisible();
  // One step done through the sandbox, so that the report has an operation, a measured milestone and a timeline.
  await step(page, "stop-service").getByRole("button", { name: /^Start/ }).click();
  await expectStepState(page, "stop-service", "succeeded", 120_000);

  // The drill page now links the run; its report is already written from the records.
  await page.goto(`/drills/${drillId}`);
  await expect(page.getByTestId("drill-run")).toContainText("Scenario 2: Loss of data");
  await expect(page.getByRole("button", { name: /Start Scenario 2/ })).toHaveCount(0);
  await page.goto(`/incidents/${incidentId}/report`);
  await expect(page.getByRole("heading", { level: 1, name: "DR test: Scenario 2: Loss of data, test" })).toBeVisible();
  await expect(page.getByTestId("template")).toContainText("Scenario 2: Loss of data, test, drill mode");
  await expect(page.getByTestId("report-steps")).toContainText("Stop the service");
  await expect(page.getByTestId("milestones")).toContainText("Service stopped");
  await expect(page.getByTestId("report-steps").getByRole("row", { name: /Stop the service/ })).toContainText("kubernetes.scale: succeeded");
  await expect(page.getByTestId("audit-verification")).toContainText("Verified");
  await expectNoAxeViolations(page, "the drill's report");

  // The retrospective's own parts: a follow-up action added, a checklist item ticked (both saved and audited).
  await page.getByText("Add a follow-up action").click();
  const followUp = page.getByTestId("new-follow-up-form");
  await followUp.getByRole("button", { name: "Add action" }).click();
  await expect(followUp.getByText("Say what the action is (at least 3 characters).").first()).toBeVisible();
  await expectNoAxeViolations(page, "the follow-up form with an error");
  await followUp.getByLabel("Action").fill("Script the konduit comparison of the PTR copy");
  await followUp.getByLabel("Owner (optional)").fill("Lena Lead");
  await followUp.getByRole("button", { name: "Add action" }).click();
  await expect(page.getByTestId("follow-ups")).toContainText("Script the konduit comparison of the PTR copy");
  await page.getByLabel("Incident retro meeting scheduled with all the stakeholders").check();
  await expect(page.getByTestId("post-review-checklist")).toContainText("Done by Ada Admin");
  await expectNoAxeViolations(page, "the report with a follow-up action and a ticked checklist");

  const markdown = await page.request.get(`/api/v1/incidents/${incidentId}/report?format=md`);
  expect(markdown.status()).toBe(200);
  expect(markdown.headers()["content-disposition"]).toMatch(/attachment; filename="dr-test-report-test-/);
  expect(await markdown.text()).toContain("## DR test template");
});
