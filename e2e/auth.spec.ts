import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/accessibility";
import { expectStepState, startIncident, step } from "./support/incidents";
import { PEOPLE, signInAs } from "./support/sign-in";

/** Sign-in, roles, API tokens, security headers, and the two-person rule across two browsers (issue 7). */

/** Fails the test on any Content-Security-Policy violation the page reports. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("sandbox sign-in: strangers are sent to sign in and back; roles are enforced; tokens are made once and revoked; sign-out ends the session", async ({ page }) => {
  const csp = watchCsp(page);
  const first = await page.goto("/incidents?environment=test");
  expect(page.url()).toMatch(/\/sign-in\?callbackUrl=%2Fincidents%3Fenvironment%3Dtest$/);
  const headers = first!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"]).toBeUndefined(); // plain http here: HSTS only over https
  await expect(page.getByTestId("sandbox-people").getByRole("button")).toHaveText([/Vera Viewer.*viewer/, /Rhys Responder.*responder/, /Lena Lead.*incident lead/, /Lewis Lead.*incident lead/, /Ada Admin.*admin/]);
  await expectNoAxeViolations(page, "the sandbox sign-in page");

  await page.getByRole("button", { name: /Vera Viewer/ }).click();
  await expect(page).toHaveURL(/\/incidents\?environment=test$/);
  await expect(page.getByTestId("account-bar")).toHaveText("Signed in as Vera Viewer (viewer)");

  const refused = await page.goto("/incidents/new");
  expect(refused!.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You cannot use this page" })).toBeVisible();
  expect((await page.goto("/admin"))!.status()).toBe(403);

  await page.goto("/account");
  await expect(page.getByTestId("account-summary")).toContainText("Viewer");
  await page.getByLabel("Name").fill("e2e script");
  await page.getByRole("button", { name: "Make a token" }).click();
  const token = (await page.getByTestId("new-token-value").textContent())!.trim();
  expect(token).toMatch(/^drc_/);
  await expect(page.getByTestId("token-table")).toContainText("e2e script");
  await expect(page.getByTestId("token-table")).not.toContainText(token);
  await expectNoAxeViolations(page, "the account page with a new token shown");

  const api = page.request;
  const bearer = { authorization: `Bearer ${token}` };
  expect((await api.get("/api/v1/incidents", { headers: bearer })).status()).toBe(200);
  expect((await api.post("/api/v1/incidents", { headers: bearer, data: { scenario: "loss-of-data", environment: "test", mode: "drill" } })).status()).toBe(403);
  await page.getByRole("button", { name: /Revoke token e2e script/ }).click();
  await expect(page.getByTestId("token-table")).toContainText("revoked");
  const afterRevoke = await api.get("/api/v1/incidents", { headers: bearer });
  expect(afterRevoke.status()).toBe(401);
  expect((await afterRevoke.json()).detail).toMatch(/revoked/);

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F$/);

  // An admin sees everyone's role and every token, including the revoked one.
  await signInAs(page, PEOPLE.admin);
  await page.goto("/admin");
  await expect(page.getByTestId("user-table")).toContainText("Vera Viewer");
  await expect(page.getByTestId("token-table")).toContainText("e2e script");
  await expectNoAxeViolations(page, "the admin page");
  expect(csp).toEqual([]);
});

test("a production change needs two incident leads: Lena asks with the typed confirmation, Lewis approves in another browser", async ({ page, browser }, testInfo) => {
  const csp = watchCsp(page);
  await signInAs(page, PEOPLE.lead);
  const id = await startIncident(page, { scenario: /Scenario 2: Loss of data/, environment: "Production", mode: "incident" });
  const stop = step(page, "stop-service");
  await stop.getByLabel("To confirm, type the environment's name: production").fill("production");
  await stop.getByRole("button", { name: /Ask for approval/ }).click();
  await expectStepState(page, "stop-service", "awaiting_approval");
  await expect(stop.getByTestId("stop-service-approval").getByRole("button", { name: /Approve and run/ })).toHaveCount(0);

  const other = await browser.newContext();
  try {
    const lewis = await other.newPage();
    const lewisCsp = watchCsp(lewis);
    await signInAs(lewis, PEOPLE.secondLead);
    await lewis.goto(`/incidents/${id}`);
    const request = step(lewis, "stop-service").getByTestId("stop-service-approval");
    await expect(request).toContainText(/Lena Lead asked to run this in production/i);
    await expect(request).toContainText(/can be approved until .* UTC \(.*UK time\)/);
    await expectNoAxeViolations(lewis, "the run page as the second lead, with a request to approve");
    await lewis.screenshot({ path: testInfo.outputPath("second-lead-approves.png"), fullPage: true });
    await request.getByRole("button", { name: /Approve and run/ }).click();
    await expect(step(lewis, "stop-service")).not.toHaveAttribute("data-state", "awaiting_approval", { timeout: 10_000 });
    // Lena sees it leave "awaiting approval" live, approved by Lewis.
    await expect(stop).not.toHaveAttribute("data-state", "awaiting_approval", { timeout: 10_000 });
    expect(lewisCsp).toEqual([]);
  } finally {
    await other.close();
  }

  const audit = await page.request.get(`/api/v1/incidents/${id}/audit`);
  expect(audit.status()).toBe(200);
  const actions = ((await audit.json()) as { events: { action: string; actor: { name: string } }[] }).events.map((e) => `${e.action} by ${e.actor.name}`);
  expect(actions).toEqual(expect.arrayContaining(["step.approval_requested by Lena Lead", "step.approved by Lewis Lead"]));
  expect(csp).toEqual([]);
});
