import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/accessibility";
import { startIncident, step } from "./support/incidents";
import { PEOPLE, signInAs } from "./support/sign-in";

test("history lists incidents and drills with filters; the audit pages filter and show the chain's verification", async ({ page }) => {
  await signInAs(page, PEOPLE.lead);
  const id = await startIncident(page, { scenario: /Scenario 2: Loss of data/, environment: "Test", mode: "drill" });
  await step(page, "start-incident-process").getByRole("button", { name: /Confirm it is done/ }).click();
  await expect(step(page, "start-incident-process")).toHaveAttribute("data-state", "succeeded");

  await page.goto("/incidents");
  await expect(page.getByTestId("incidents-table").locator(`a[href="/incidents/${id}"]`)).toBeVisible();
  await expectNoAxeViolations(page, "the incidents history");
  await page.getByLabel("Environment").selectOption("production");
  await page.getByLabel("Mode").selectOption("drill");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/environment=production/);
  await expect(page.getByTestId("incidents-table").locator(`a[href="/incidents/${id}"]`)).toHaveCount(0);
  await page.goto("/incidents?environment=test&mode=drill&scenario=loss-of-data&status=open");
  await expect(page.getByTestId("incidents-table").locator(`a[href="/incidents/${id}"]`)).toBeVisible();
  await page.goto("/incidents?from=2026-05-02&to=2026-05-01");
  await expect(page.locator(".govuk-error-summary")).toContainText("The end date must be the same as or after the start date");
  await expectNoAxeViolations(page, "the incidents history with a filter error");

  await page.goto(`/incidents/${id}/audit`);
  await expect(page.getByTestId("chain-result")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("chain-result")).toContainText("The hash chain is intact");
  const table = page.getByTestId("audit-table");
  await expect(table.getByText("incident.created")).toBeVisible();
  await expect(table.getByText("step.confirmed")).toBeVisible();
  await expectNoAxeViolations(page, "an incident's audit trail");
  await page.getByLabel("Action").selectOption("step.confirmed");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(1);

  await page.goto("/audit?actor=Lena");
  await expect(page.getByTestId("chain-result")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("audit-table").locator(`a[href="/incidents/${id}"]`).first()).toBeVisible();
  await expectNoAxeViolations(page, "the whole audit trail, filtered");
});
