import { writeFileSync } from "node:fs";
import { startProofStack } from "../test/proofs/support/proof-stack";
import { createBenchDatabase } from "./support/bench-database";
import { seedBigIncident } from "../test/proofs/support/seed-big-incident";
import { sessionCookieFor } from "../test/proofs/support/session-cookie";

const database = await createBenchDatabase("profile");
const stack = await startProofStack({ databaseUrl: database.url, adminUrl: database.adminUrl });
try {
  const incidentId = await seedBigIncident({ stack: stack as never, auditEvents: 10_000, notes: 1_000 });
  const cookie = await sessionCookieFor(Object.values(stack.people)[0]!.id);
  const url = `${stack.consoles[0]!.url}/incidents/${incidentId}`;
  for (let i = 0; i < 20; i++) { const t = performance.now(); const r = await fetch(url, { headers: { cookie } }); const h = await r.text(); if (i > 16) console.log(r.status, h.length, Math.round(performance.now() - t), "ms"); if (i === 19) writeFileSync("/tmp/page.html", h); }
  for (const p of ["/api/ui/incidents/" + incidentId, "/api/ui/incidents/" + incidentId + "/timeline"]) { const t = performance.now(); const r = await fetch(stack.consoles[0]!.url + p, { headers: { cookie } }); const h = await r.text(); console.log(p, r.status, h.length, Math.round(performance.now() - t), "ms"); }
} finally {
  await stack.stop();
  await database.drop();
}
process.exit(0);
