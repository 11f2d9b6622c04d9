import { defineConfig } from "@playwright/test";
import { findChromium } from "./e2e/chromium";
import { env } from "./lib/config/env";

const port = env().E2E_PORT;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  reporter: [
    ["list"],
    ["html", { open: "never", outputFolder: "playwright-report" }],
    // npm test reads this report to name the failed tests in its summary (scripts/test.ts).
    ["json", { outputFile: "test-results-json/e2e.json" }],
  ],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: findChromium(),
      // The machines' network is closed: without these, Chromium keeps trying to reach Google's hosts.
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: "tsx e2e/serve.ts",
    url: `http://localhost:${port}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    // As Ctrl-C would: the launcher stops the console and the sandbox, then e2e/serve.ts the embedded test server.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
