/**
 * `npm start`: the one command that brings the console up on any machine.
 * Database (configured, or embedded), migrations, build when the sources changed, then the server.
 * Ctrl-C / SIGTERM stop everything it started, cleanly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ConfigError, childEnvironment, env } from "../lib/config/env";
import { buildIfNeeded, copyFrontendAssets } from "./lib/build";
import { migrateDeploy, openConsoleDatabase, type ConsoleDatabase } from "./lib/database";
import { bin } from "./lib/run";
import { spawnStandaloneServer } from "./lib/standalone-server";
import { prepareSandboxAccess } from "../lib/auth/sandbox/prepare-sandbox-access";
import { consoleRuntimeEnv } from "../lib/config/console-runtime";

const log = (m: string) => console.log(`[dr-console] ${m}`);
const dev = process.argv.includes("--dev");

async function main() {
  const config = env();
  const cleanups: (() => Promise<void>)[] = [];
  let server: ChildProcess | undefined;
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server!.once("exit", r));
    }
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => log(`clean-up failed: ${e}`));
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(130));
  process.on("SIGTERM", () => void stop(143));

  let database: ConsoleDatabase;
  let sandboxEnv: Record<string, string> = {};
  try {
    database = await openConsoleDatabase({
      url: config.DATABASE_URL,
      dataDir: config.EMBEDDED_PG_DIR,
      port: config.EMBEDDED_PG_PORT,
      database: "dr_console",
      log,
    });
    if (database.embedded) cleanups.push(() => database.embedded!.stop());
    log("Applying database migrations...");
    await migrateDeploy(database.url);
    // Sandbox mode only (null otherwise): the seeded people and one API token each in .sandbox/tokens.json.
    const access = await prepareSandboxAccess({ databaseUrl: database.url, log });
    if (access) log(`Sandbox sign-in: ${access.people} seeded people; their API tokens are in ${access.file}`);
    if (config.DR_TARGET === "sandbox") {
      log("No cloud configured (DR_TARGET=sandbox): starting the sandbox stand-ins...");
      const { startSandbox } = await import("../sandbox/index");
      const sandbox = await startSandbox({
        adminDatabaseUrl: database.adminUrl,
        stateDir: path.dirname(path.resolve(config.SANDBOX_ENDPOINTS_FILE)),
        log: (m) => log(`sandbox: ${m}`),
      });
      cleanups.push(() => sandbox.stop());
      sandboxEnv = {
        SANDBOX_ENDPOINTS_FILE: path.resolve(config.SANDBOX_ENDPOINTS_FILE),
        // The console's own Azure SDK clients trust the sandbox CA explicitly; this covers everything else.
        NODE_EXTRA_CA_CERTS: sandbox.endpoints.arm.caFile,
      };
    }
    if (dev) await copyFrontendAssets();
    else await buildIfNeeded({ log });
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    await stop(1);
    return;
  }

  // The production server runs in .next/standalone: file settings are made absolute against where npm start ran.
  const files = Object.fromEntries((["SANDBOX_ENDPOINTS_FILE", "GITHUB_APP_PRIVATE_KEY_FILE"] as const).flatMap((k) => (config[k] ? [[k, path.resolve(config[k])]] : [])));
  const serverEnv = childEnvironment({ ...consoleRuntimeEnv(), ...files, ...sandboxEnv, DATABASE_URL: database.url, NODE_ENV: dev ? "development" : "production" });
  server = dev
    ? spawn(bin("next"), ["dev", "-p", String(config.PORT), "-H", config.HOST], { stdio: "inherit", env: serverEnv })
    : spawnStandaloneServer({ port: config.PORT, host: config.HOST, env: serverEnv, stdio: "inherit" });
  log(`Serving on http://localhost:${config.PORT}`);
  server.on("exit", (code) => void stop(code ?? 1));
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
