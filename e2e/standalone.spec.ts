import { test, expect } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { childEnvironment, env } from "../lib/config/env";
import { consoleRuntimeEnv } from "../lib/config/console-runtime";
import { spawnStandaloneServer } from "../scripts/lib/standalone-server";
import { testServerAdminUrl, withDatabase } from "../test/database";

/**
 * The deployment artefact: Next's standalone output started as the Dockerfile starts it (`node server.js` with
 * the migrations beside it, as the build leaves them: scripts/lib/build.ts), with nothing but the Dockerfile's
 * environment and a database (the one the end-to-end console already migrated): no sandbox, no start script.
 */
let server: ChildProcess | undefined;

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server!.once("exit", resolve));
  }
});

test("the standalone server starts and answers /api/health with 200", async ({ request }) => {
  test.setTimeout(90_000);
  const port = env().E2E_PORT + 1;
  const databaseUrl = withDatabase(await testServerAdminUrl(), env().E2E_DATABASE);
  // As the Dockerfile's image runs it (its ENV: lib/config/console-runtime.ts).
  server = spawnStandaloneServer({ port, host: "127.0.0.1", stdio: "ignore", env: childEnvironment({ ...consoleRuntimeEnv(), DATABASE_URL: databaseUrl }) });
  let status = 0;
  for (let i = 0; i < 60 && status !== 200; i++) {
    status = await request
      .get(`http://127.0.0.1:${port}/api/health`)
      .then((r) => r.status())
      .catch(() => 0);
    if (status !== 200) await new Promise((r) => setTimeout(r, 500));
  }
  expect(status).toBe(200);
  const body = await (await request.get(`http://127.0.0.1:${port}/api/health`)).json();
  expect(body).toMatchObject({ status: "ok", database: { reachable: true }, migrations: { current: true } });
});
