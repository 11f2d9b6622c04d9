// Ad hoc: profile the run page under 50 simultaneous viewers (not part of npm run bench).
import { startProofStack } from "../test/proofs/support/proof-stack";
import { createBenchDatabase } from "./support/bench-database";
import { seedBigIncident } from "../test/proofs/support/seed-big-incident";
import { measureRunPage } from "./measure/run-page";
import { percentile } from "./harness";

const database = await createBenchDatabase("profile");
const stack = await startProofStack({ databaseUrl: database.url, adminUrl: database.adminUrl, consoleEnv: { NODE_OPTIONS: process.env.PROFILE_NODE_OPTIONS ?? "" } });
try {
  const incidentId = await seedBigIncident({ stack: stack as never, auditEvents: 10_000, notes: 1_000 });
  const times = await measureRunPage({ stack: stack as never, incidentId, viewers: 50, viewsEach: 6 });
  console.log("p50", percentile(times, 50), "p95", percentile(times, 95), "rss", stack.consoles[0]!.peakRssMb());
} finally {
  await stack.stop();
  await database.drop();
}
process.exit(0);
