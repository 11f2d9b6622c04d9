import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/accessibility";
import { expectStepState, startIncident, step, timelineIds } from "./support/incidents";
import { PEOPLE, signInAs } from "./support/sign-in";

test.describe("starting an incident", () => {
  test("the new-incident page guides the choice, warns about the environment, reads times back on both clocks, and reports errors accessibly", async ({ page }) => {
    await signInAs(page, PEOPLE.lead);
    await page.goto("/incidents/new");
    await expect(page.getByRole("heading", { level: 1, name: "Start an incident or drill" })).toBeVisible();
    await expect(page.getByText(/If the server itself is gone, use Scenario 1/)).toBeVisible();
    await expectNoAxeViolations(page, "the new-incident page");

    await page.getByRole("button", { name: "Start", exact: true }).click();
    const summary = page.locator(".govuk-error-summary");
    await expect(summary).toBeFocused();
    await expect(summary.getByRole("link")).toHaveText(["Select the scenario that applies", "Select the environment", "Select whether this is an incident or a drill"]);
    await expectNoAxeViolations(page, "the new-incident page with errors");
    await summary.getByRole("link", { name: "Select the environment" }).click();
    await expect(page.locator("#environment")).toBeFocused();

    await page.getByLabel(/Scenario 2: Loss of data/).check();
    await page.getByRole("group", { name: "Which environment?" }).getByLabel("Preproduction", { exact: true }).check();
    await expect(page.getByTestId("environment-warnings")).toContainText("has no backup storage account");

    const time = page.getByLabel("Date and time");
    const preview = page.getByTestId("detected-at-preview");
    await time.fill("2026-10-25 01:30");
    await expect(preview).toContainText("Not accepted");
    await expect(preview).toContainText("ambiguous in UK time");
    await time.fill("2026-07-24 07:00");
    await expect(preview).toContainText("Fri 24 Jul 2026 06:00:00 UTC");
    await expect(preview).toContainText("Fri 24 Jul 2026 07:00:00 BST");
    await page.getByLabel("UTC", { exact: true }).check();
    await expect(preview).toContainText("Fri 24 Jul 2026 08:00:00 BST");
    await expectNoAxeViolations(page, "the new-incident page with a scenario, an environment warning and a time read back");
  });
});

test.describe("the run page", () => {
  test("shows the checklist in runbook order with the next step highlighted, says what a step will do, and keeps the manual fallback one click away", async ({ page }, testInfo) => {
    await signInAs(page, PEOPLE.lead);
    const id = await startIncident(page, { scenario: /Scenario 2: Loss of data/, environment: "Test", mode: "drill" });
    const items = page.getByTestId("checklist").locator(":scope > li");
    await expect(items.first()).toHaveAttribute("data-testid", "step-stop-service");
    await expect(items).toHaveCount(14);
    await expect(step(page, "stop-service")).toHaveAttribute("aria-current", "step");
    await expect(step(page, "stop-service").getByText("Next step")).toBeVisible();

    const whatItDoes = page.getByTestId("stop-service-what-it-does");
    await expect(whatItDoes).toContainText("Scale deployment access-your-teaching-qualifications-test in namespace tra-test to 0 replicas: it stops");
    await expect(whatItDoes).toContainText("This removes, stops or overwrites something");
    await expect(page.getByTestId("timeline").locator("li")).toHaveCount(1);
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
    await expectNoAxeViolations(page, "a new incident's run page");
    await page.screenshot({ path: testInfo.outputPath("run-page-new-drill.png"), fullPage: true });
    await testInfo.attach("run page: a new Scenario 2 drill", { path: testInfo.outputPath("run-page-new-drill.png"), contentType: "image/png" });

    const fallback = page.getByTestId("stop-service-fallback");
    await fallback.getByText("Do it by hand instead").click();
    await expect(fallback).toContainText("kubectl -n tra-test scale deployment access-your-teaching-qualifications-test --replicas 0");
    await expectNoAxeViolations(page, "the run page with the manual fallback open");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("a manual step is confirmed with a note: one request for a double click, focus on the step, the change announced and on the timeline", async ({ page }, testInfo) => {
    await signInAs(page, PEOPLE.lead);
    await startIncident(page, { scenario: /Scenario 2: Loss of data/, environment: "Test", mode: "drill" });
    const manual = step(page, "start-incident-process");
    await manual.getByLabel("Note (optional)").fill("Incident channel #dr-drill opened; comms lead told.");
    await manual.getByRole("button", { name: /Confirm it is done/ }).dblclick();
    await expectStepState(page, "start-incident-process", "succeeded");
    await expect(page.locator("#step-start-incident-process-title")).toBeFocused();
    await expect(page.getByTestId("announcer")).toHaveText("Start the incident process: confirmed as done.");
    await expect(manual.getByText("Lena Lead", { exact: true })).toBeVisible();
    await expect(manual.locator(".govuk-error-summary")).toHaveCount(0);
    const confirmed = page.getByTestId("timeline").locator('li[data-action="step.confirmed"]');
    await expect(confirmed).toHaveCount(1);
    await expect(confirmed).toContainText("Lena Lead confirmed “Start the incident process” is done: Incident channel #dr-drill opened; comms lead told.");
    await expectNoAxeViolations(page, "the run page after a manual step was confirmed");
    await page.screenshot({ path: testInfo.outputPath("run-page-manual-step-done.png"), fullPage: true });
    await testInfo.attach("run page: a manual step confirmed", { path: testInfo.outputPath("run-page-manual-step-done.png"), contentType: "image/png" });
  });

  test("the checklist is usable by keyboard alone: jump to the next step, open the fallback, confirm a step", async ({ page }) => {
    await signInAs(page, PEOPLE.lead);
    await startIncident(page, { scenario: /Scenario 2: Loss of data/, environment: "Test", mode: "drill" });
    // The manual fallback opens from the keyboard (a native details element).
    await page.getByTestId("stop-service-fallback").locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("stop-service-fallback")).toHaveAttribute("open", "");
    // Type a note and send the form with the keyboard only.
    await step(page, "start-incident-process").getByLabel("Note (optional)").focus();
    await page.keyboard.type("Done from the keyboard.");
    await page.keyboard.press("Tab");
    await expect(step(page, "start-incident-process").getByRole("button", { name: /Confirm it is done/ })).toBeFocused();
    await page.keyboard.press("Enter");
    await expectStepState(page, "start-incident-process", "succeeded");
    await expect(page.locator("#step-start-incident-process-title")).toBeFocused();
  });

  test("an optional step is skipped only with a reason; a note goes on the timeline", async ({ page }) => {
    await signInAs(page, PEOPLE.lead);
    await startIncident(page, { scenario: /Scenario 2: Loss of data/, environment: "Test", mode: "drill" });
    const optional = step(page, "backup-flawed-database");
    await optional.getByText("Skip this step (it is optional)").click();
    await optional.getByRole("button", { name: /Skip this step/ }).click();
    await expect(optional.locator(".govuk-error-summary")).toBeFocused();
    await expect(optional.locator(".govuk-error-summary")).toContainText("Enter why this step is skipped");
    await expectNoAxeViolations(page, "the run page with a skip reason missing");
    await optional.getByLabel("Why is it skipped?").fill("Nobody has used the service since the corruption.");
    await optional.getByRole("button", { name: /Skip this step/ }).click();
    await expectStepState(page, "backup-flawed-database", "skipped");
    await expect(optional).toContainText("Skipped: Nobody has used the service since the corruption.");

    await page.getByLabel("Add a note to the timeline").fill("Drill started at the agreed time.");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByTestId("timeline").locator('li[data-action="note.recorded"]')).toContainText("Drill started at the agreed time.");
    await expect(page.getByLabel("Add a note to the timeline")).toBeFocused();
    await expect(page.getByLabel("Add a note to the timeline")).toHaveValue("");
  });

  test("starting an automated step: a double click starts it once, and the page shows its progress and its outcome", async ({ page }, testInfo) => {
    await signInAs(page, PEOPLE.lead);
    // Scenario 1's "find the deletion" only reads the activity log: safe to run against the shared sandbox.
    await startIncident(page, { scenario: /Scenario 1: Loss of database server/, environment: "Test", mode: "drill" });
    const find = step(page, "find-server-deletion");
    await find.getByRole("button", { name: /^Start/ }).dblclick();
    await expect(find).not.toHaveAttribute("data-state", "ready");
    await expect(page.locator("#step-find-server-deletion-title")).toBeFocused();
    await expect(page.getByTestId("timeline").locator('li[data-action="step.started"]')).toHaveCount(1);
    await expect(page.locator(".govuk-error-summary")).toHaveCount(0);
    if ((await find.getAttribute("data-state")) === "running") {
      await expect(find.getByTestId("operation-progress")).toBeVisible();
      await expectNoAxeViolations(page, "the run page with an automated step running");
      await page.screenshot({ path: testInfo.outputPath("run-page-step-running.png"), fullPage: true });
      await testInfo.attach("run page: an automated step running", { path: testInfo.outputPath("run-page-step-running.png"), contentType: "image/png" });
    }
    // With the engine running (the console's instrumentation), the step ends either way; the outcome is shown.
    const ended = await expect(find).toHaveAttribute("data-state", /succeeded|failed/, { timeout: 30_000 }).then(() => true, () => false);
    const state = await find.getAttribute("data-state");
    if (ended && state === "failed") {
      await expect(find.getByTestId("find-server-deletion-failure")).toContainText("What to do next");
      await expect(find.getByRole("button", { name: /Try again/ })).toBeVisible();
    }
    await expectNoAxeViolations(page, `the run page with an automated step ${state}`);
    await page.screenshot({ path: testInfo.outputPath(`run-page-step-${state}.png`), fullPage: true });
    await testInfo.attach(`run page: an automated step ${state}`, { path: testInfo.outputPath(`run-page-step-${state}.png`), contentType: "image/png" });
    expect(new Set(await timelineIds(page)).size).toBe((await timelineIds(page)).length);
  });

  test("a production incident shows the production banner, and production-changing steps ask for the typed environment name and a second lead", async ({ page }, testInfo) => {
    await signInAs(page, PEOPLE.lead);
    await startIncident(page, { scenario: /Scenario 2: Loss of data/, environment: "Production", mode: "incident" });
    await expect(page.getByTestId("production-banner")).toContainText("Production.");
    const stop = step(page, "stop-service");
    await expect(stop).toContainText("changes production: needs a second person's approval");
    await stop.getByRole("button", { name: /Ask for approval/ }).click();
    const summary = stop.locator(".govuk-error-summary");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("Type production to confirm this change to production");
    await expectNoAxeViolations(page, "a production run page with the typed confirmation missing");
    await stop.getByLabel("To confirm, type the environment's name: production").fill("production");
    await stop.getByRole("button", { name: /Ask for approval/ }).click();
    await expectStepState(page, "stop-service", "awaiting_approval");
    const approval = stop.getByTestId("stop-service-approval");
    await expect(approval).toContainText("Waiting for a second incident lead to approve");
    await expect(approval).toContainText("You asked for this change, so someone else must approve it");
    await expect(approval.getByRole("button", { name: /Approve and run/ })).toHaveCount(0);
    await expectNoAxeViolations(page, "a production step awaiting approval");
    await page.screenshot({ path: testInfo.outputPath("run-page-production-awaiting-approval.png"), fullPage: true });
    await testInfo.attach("run page: production step awaiting approval", { path: testInfo.outputPath("run-page-production-awaiting-approval.png"), contentType: "image/png" });
  });
});
