import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

test("the dashboard shows the console's database status and has no accessibility violations", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Disaster recovery" })).toBeVisible();
  const status = page.getByTestId("console-status");
  await expect(status.getByText("Connected")).toBeVisible();
  await expect(status.getByText("Up to date")).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations).toEqual([]);
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
