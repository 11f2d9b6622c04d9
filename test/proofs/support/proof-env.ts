import { env } from "../../../lib/config/env";

/** PROOFS=1 runs the long proofs (`.ci/run` sets it); without it their files only report them skipped. */
export const proofsEnabled = (): boolean => env().PROOFS === "1";

/** The console database of this integration test file and its server's admin URL (test/integration-file-setup.ts). */
export function testDatabases(): { databaseUrl: string; adminUrl: string } {
  const databaseUrl = env().DATABASE_URL;
  // Set by the integration set-up for each file; not a console setting, so not in lib/config/env.ts.
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  if (!databaseUrl || !adminUrl) throw new Error("Run the proofs through the integration project (npx vitest run --project integration ...).");
  return { databaseUrl, adminUrl };
}
