import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/accessibility";
import { expectStepState, startIncident, step, timelineIds } from "./support/incidents";
import { PEOPLE, signInAs } from "./support/sign-in";

/** Two responders, each in their own browser context (own cookies, own live connection). */
async function twoResponders(browser: Browser): Promise<{ lead: Page; responder: Page; contexts: BrowserContext[] }> {
  const leadContext = await browser.newContext();
  const responderContext = await browser.newContext();
  const lead = await leadContext.newPage();
  const responder = await responderContext.newPage();
  await signInAs(lead, PEOPLE.lead);
  await signInAs(responder, PEOPLE.responder);
  return { lead, responder, contexts: [leadContext, responderContext] };
}

async function openRunPage(page: Page, id: string): Promise<void> {
  await page.goto(`/incidents/${id}`);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
}

test("two responders see each other's changes within a second, without reloading", async ({ browser }, testInfo) => {
  const { lead, responder, contexts } = await twoResponders(browser);
  const id = await startIncident(lead, { scenario: /Scenario 2: Loss of data/, environment: "Test", mode: "drill" });
  await openRunPage(lead, id);
  await openRunPage(responder, id);

  // The responder confirms a manual step; the lead's page shows it.
  await step(responder, "start-incident-process").getByRole("button", { name: /Confirm it is done/ }).click();
  await expectStepState(responder, "start-incident-process", "succeeded");
  let seenAt = Date.now();
  await expectStepState(lead, "start-incident-process", "succeeded", 1000);
  const firstLatency = Date.now() - seenAt;
  await expect(lead.getByTestId("timeline").locator('li[data-action="step.confirmed"]')).toContainText("Rhys Responder confirmed");
  await expect(lead.getByTestId("announcer")).toContainText("Rhys Responder confirmed “Start the incident process” is done.");

  // The lead writes a note; the responder's timeline shows it.
  await lead.getByLabel("Add a note to the timeline").fill("Comms: stakeholders told at 10:05.");
  await lead.getByRole("button", { name: "Add note" }).click();
  await expect(lead.getByTestId("timeline").locator('li[data-action="note.recorded"]')).toHaveCount(1);
  seenAt = Date.now();
  await expect(responder.getByTestId("timeline").locator('li[data-action="note.recorded"]')).toContainText("Comms: stakeholders told at 10:05.", { timeout: 1000 });
  const secondLatency = Date.now() - seenAt;
  testInfo.annotations.push({ type: "live latency (ms)", description: `${firstLatency}, ${secondLatency}` });

  expect(await timelineIds(responder)).toEqual(await timelineIds(lead));
  await expectNoAxeViolations(responder, "the run page after a change arrived live");
  for (const context of contexts) await context.close();
});

test("after a network drop the page catches up: every event missed is shown once, none twice, and live updates resume", async ({ browser }, testInfo) => {
  const { lead, responder, contexts } = await twoResponders(browser);
  const id = await startIncident(lead, { scenario: /Scenario 2: Loss of data/, environment: "Test", mode: "drill" });
  await openRunPage(responder, id);
  const before = await timelineIds(responder);

  await contexts[1]!.setOffline(true);
  await expect(responder.getByTestId("live-status")).toHaveAttribute("data-state", "offline");
  await expectNoAxeViolations(responder, "the run page while offline");
  await responder.screenshot({ path: testInfo.outputPath("run-page-offline.png"), fullPage: true });
  await testInfo.attach("run page: offline", { path: testInfo.outputPath("run-page-offline.png"), contentType: "image/png" });

  // Changes made while the responder is offline.
  await openRunPage(lead, id);
  for (const text of ["Missed note one", "Missed note two", "Missed note three"]) {
    await lead.getByLabel("Add a note to the timeline").fill(text);
    await lead.getByRole("button", { name: "Add note" }).click();
    await expect(lead.getByTestId("timeline").getByText(text)).toBeVisible();
  }
  await step(lead, "start-incident-process").getByRole("button", { name: /Confirm it is done/ }).click();
  await expectStepState(lead, "start-incident-process", "succeeded");
  expect(await timelineIds(responder)).toEqual(before);

  await contexts[1]!.setOffline(false);
  await expect(responder.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  await expectStepState(responder, "start-incident-process", "succeeded", 2000);
  for (const text of ["Missed note one", "Missed note two", "Missed note three"]) {
    await expect(responder.getByTestId("timeline").getByText(text)).toHaveCount(1);
  }

  // And it is live again afterwards.
  await lead.getByLabel("Add a note to the timeline").fill("After the reconnection");
  await lead.getByRole("button", { name: "Add note" }).click();
  await expect(responder.getByTestId("timeline").getByText("After the reconnection")).toHaveCount(1, { timeout: 1000 });

  // Exactly the server's events, once each, in order.
  const server = (await (await lead.request.get(`/api/ui/incidents/${id}/timeline`)).json()) as { events: { id: string }[] };
  const shown = await timelineIds(responder);
  expect(new Set(shown).size).toBe(shown.length);
  expect([...shown].reverse()).toEqual(server.events.map((e) => e.id));
  for (const context of contexts) await context.close();
});

test("the dashboard's open incidents update live when someone opens an incident elsewhere", async ({ browser }) => {
  const { lead, responder, contexts } = await twoResponders(browser);
  await responder.goto("/");
  await expect(responder.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  const id = await startIncident(lead, { scenario: /Scenario 1: Loss of database server/, environment: "Test", mode: "drill" });
  await expect(responder.getByTestId("open-incidents").locator(`a[href="/incidents/${id}"]`)).toBeVisible({ timeout: 2000 });
  for (const context of contexts) await context.close();
});
