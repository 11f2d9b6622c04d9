import { test, expect } from "@playwright/test";
import { expectNoAxeViolations } from "./support/accessibility";
import { PEOPLE, signInAs } from "./support/sign-in";

test("the dashboard shows open incidents, each environment's health, DR tests and the console's status, with no accessibility violations", async ({ page }, testInfo) => {
  await signInAs(page, PEOPLE.viewer);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Disaster recovery" })).toBeVisible();
  const status = page.getByTestId("console-status");
  await expect(status.getByText("Connected")).toBeVisible();
  await expect(status.getByText("Up to date")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Open incidents and drills" })).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  const health = page.getByTestId("environment-health");
  for (const environment of ["Test", "Preproduction", "Production"]) await expect(health.getByRole("rowheader", { name: environment, exact: true })).toBeVisible();
  await expect(health.getByRole("cell", { name: "AYTQ", exact: true })).toHaveCount(3);
  await expect(health.getByRole("cell", { name: "CTR", exact: true })).toHaveCount(3);
  await expect(page.getByTestId("dr-tests")).toContainText("No DR test is scheduled.");
  await expect(page.getByTestId("dr-tests")).toContainText("Nothing is overdue.");
  await expect(page.getByTestId("dr-tests").getByRole("link", { name: "Schedule and review DR tests" })).toHaveAttribute("href", "/drills");
  await expect(health.getByText("Checking the health pages…")).toHaveCount(0);
  await expectNoAxeViolations(page, "the dashboard");
  await page.screenshot({ path: testInfo.outputPath("dashboard.png"), fullPage: true });
  await testInfo.attach("dashboard", { path: testInfo.outputPath("dashboard.png"), contentType: "image/png" });
});

test("GET /api/health answers 200 with the database and migrations current", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe("ok");
  expect(body.database.reachable).toBe(true);
  expect(body.migrations.current).toBe(true);
  expect(response.headers()["x-request-id"]).toMatch(/[\w-]{8,}/);
});

test("the console's pages and live feed refuse someone not signed in", async ({ page, request }) => {
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await request.get("/api/live")).status()).toBe(401);
  expect((await request.get("/api/ui/incidents")).status()).toBe(401);
});
