/**
 * The console as the end-to-end tests see it: a fresh database on the test server, then `npm start`'s
 * own launcher (scripts/start.ts) on E2E_PORT.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { childEnvironment, env } from "../lib/config/env";
import { adminQuery, openTestServer, quoteIdent, withDatabase } from "../test/database";


async function main() {
  const DATABASE = env().E2E_DATABASE;
  const stateDir = path.resolve(import.meta.dirname, "..", env().E2E_STATE_DIR);
  // The embedded test server when TEST_DATABASE_URL is unset: stopped when the console stops (below).
  const server = await openTestServer();
  const adminUrl = server.adminUrl;
  await adminQuery(adminUrl, `drop database if exists ${quoteIdent(DATABASE)} with (force)`);
  await adminQuery(adminUrl, `create database ${quoteIdent(DATABASE)}`);
  const root = path.resolve(import.meta.dirname, "..");
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    cwd: root,
    stdio: "inherit",
    env: childEnvironment({
      DATABASE_URL: withDatabase(adminUrl, DATABASE),
      PORT: String(env().E2E_PORT),
      SANDBOX_ENDPOINTS_FILE: path.join(stateDir, "endpoints.json"),
      SANDBOX_TOKENS_FILE: path.join(stateDir, "tokens.json"),
    }),
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", (code) => {
    void server.stop().finally(() => process.exit(code ?? 1));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
