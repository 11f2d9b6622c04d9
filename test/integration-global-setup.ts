import { execFileSync } from "node:child_process";
import path from "node:path";
import { childEnvironment } from "../lib/config/env";
import { getMigrationStateAt } from "../lib/database/migrations";
import { adminQuery, openTestServer, quoteIdent, templateDatabaseName, withDatabase } from "./database";

/**
 * Once per `vitest run --project integration`: a template database with every migration applied,
 * which each test file copies (test/integration-file-setup.ts).
 */
export default async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  const server = await openTestServer();
  const adminUrl = server.adminUrl;
  const TEMPLATE_DATABASE = templateDatabaseName();
  await adminQuery(adminUrl, `drop database if exists ${quoteIdent(TEMPLATE_DATABASE)} with (force)`);
  await adminQuery(adminUrl, `create database ${quoteIdent(TEMPLATE_DATABASE)}`);
  const root = path.resolve(import.meta.dirname, "..");
  execFileSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: childEnvironment({ DATABASE_URL: withDatabase(adminUrl, TEMPLATE_DATABASE) }),
    stdio: "inherit",
  });
  const state = await getMigrationStateAt(withDatabase(adminUrl, TEMPLATE_DATABASE));
  if (!state.current) throw new Error(`The test template's migrations did not apply: ${JSON.stringify(state)}`);
  provide("testAdminUrl", adminUrl);
  provide("testTemplateDatabase", TEMPLATE_DATABASE);
  return async () => {
    try {
      await adminQuery(adminUrl, `drop database if exists ${quoteIdent(TEMPLATE_DATABASE)} with (force)`);
    } finally {
      // An embedded server this run started stops with it.
      await server.stop();
    }
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testAdminUrl: string;
    testTemplateDatabase: string;
  }
}
