import { expect, type Locator, type Page } from "@playwright/test";

export interface NewIncident {
  scenario: RegExp;
  environment: "Test" | "Preproduction" | "Production";
  mode: "incident" | "drill";
}

/** Opens an incident through /incidents/new and returns its id (the run page is then showing). */
export async function startIncident(page: Page, incident: NewIncident): Promise<string> {
  await page.goto("/incidents/new");
  await page.getByRole("group", { name: "Which scenario applies?" }).getByLabel(incident.scenario).check();
  await page.getByRole("group", { name: "Which environment?" }).getByLabel(incident.environment, { exact: true }).check();
  await page.getByRole("group", { name: /real incident or a drill/ }).getByLabel(incident.mode === "drill" ? /A drill/ : /A real incident/).check();
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 2, name: "Checklist" })).toBeVisible();
  return page.url().split("/").at(-1)!;
}

/** A step of the checklist on the run page. */
export function step(page: Page, stepId: string): Locator {
  return page.getByTestId(`step-${stepId}`);
}

/** Waits until a step shows the given state (the `data-state` of its list item). */
export async function expectStepState(page: Page, stepId: string, state: string, timeout = 5000): Promise<void> {
  await expect(step(page, stepId)).toHaveAttribute("data-state", state, { timeout });
}

/** The audit ids the timeline shows, in the order shown (newest first). */
export async function timelineIds(page: Page): Promise<string[]> {
  return page.getByTestId("timeline").locator("li[data-event-id]").evaluateAll((items) => items.map((i) => i.getAttribute("data-event-id") ?? ""));
}
