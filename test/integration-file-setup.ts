import { afterAll, inject } from "vitest";
import { createTestDatabase, dropTestDatabase } from "./database";
import { resetEnvCache } from "../lib/config/env";

/**
 * Runs in each integration test file's process before the file is imported:
 * a fresh database for this file, made the process's DATABASE_URL.
 */
const adminUrl = inject("testAdminUrl");
const name = `dr_console_test_${process.pid}_${Date.now().toString(36)}`;
const url = await createTestDatabase(adminUrl, name, inject("testTemplateDatabase"));
process.env.DATABASE_URL = url;
process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
resetEnvCache();

afterAll(async () => {
  const { disconnectDb } = await import("../lib/db");
  await disconnectDb();
  await dropTestDatabase(adminUrl, name);
});
