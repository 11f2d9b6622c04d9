import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { env } from "../lib/config/env";

/**
 * The browser for the end-to-end tests: CHROMIUM_PATH, else Playwright's own Chromium when it was
 * installed, else the system's (Debian's /usr/bin/chromium). A clear error when there is none.
 */
export function findChromium(): string {
  const configured = env().CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH is ${configured}, but there is no file there.`);
    return configured;
  }
  const candidates: string[] = [];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browser of its own here.
  }
  candidates.push("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) {
    throw new Error(
      "No Chromium found for the end-to-end tests. Install one (Debian: `apt-get install -y chromium`; " +
        "elsewhere: `npx playwright install chromium`) or set CHROMIUM_PATH to a Chromium or Chrome executable.",
    );
  }
  return found;
}
