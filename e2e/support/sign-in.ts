import { expect, type Page } from "@playwright/test";

/**
 * The sandbox's seeded people (lib/auth/sandbox/sandbox-people.ts): one per role, and two incident leads so that
 * one can ask for a production change and the other approve it.
 */
export const PEOPLE = {
  viewer: "Vera Viewer",
  responder: "Rhys Responder",
  lead: "Lena Lead",
  secondLead: "Lewis Lead",
  admin: "Ada Admin",
} as const;

/** Signs in through the sandbox's sign-in page (pick a person), as a responder would. */
export async function signInAs(page: Page, name: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: new RegExp(name) }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}
