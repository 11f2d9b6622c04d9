// Ad hoc: profile the report exports of a 10,000-event incident (not part of npm run bench).
import { startProofStack } from "../test/proofs/support/proof-stack";
import { createBenchDatabase } from "./support/bench-database";
import { seedBigIncident } from "../test/proofs/support/seed-big-incident";
import { measureReportExports } from "./measure/report-exports";

const database = await createBenchDatabase("profile");
const stack = await startProofStack({ databaseUrl: database.url, adminUrl: database.adminUrl, consoleEnv: { NODE_OPTIONS: process.env.PROFILE_NODE_OPTIONS ?? "" } });
try {
  const incidentId = await seedBigIncident({ stack: stack as never, auditEvents: 10_000, notes: 1_000 });
  const times = await measureReportExports({ stack: stack as never, incidentId, each: 3 });
  for (const [f, t] of Object.entries(times)) console.log(f, t.map(Math.round).join(" "));
} finally {
  await stack.stop();
  await database.drop();
}
process.exit(0);
