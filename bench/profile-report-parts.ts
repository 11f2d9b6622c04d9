// Ad hoc: time the parts of a report export in process (not part of npm run bench).
import { startProofStack } from "../test/proofs/support/proof-stack";
import { createBenchDatabase } from "./support/bench-database";
import { seedBigIncident } from "../test/proofs/support/seed-big-incident";

const database = await createBenchDatabase("profile");
const stack = await startProofStack({ databaseUrl: database.url, adminUrl: database.adminUrl });
try {
  const incidentId = await seedBigIncident({ stack: stack as never, auditEvents: 10_000, notes: 1_000 });
  const { loadReportRecords } = await import("../lib/reports/load-report-records");
  const { buildIncidentReport } = await import("../lib/reports/build-incident-report");
  const { exportReport } = await import("../lib/reports/export-report");
  const { verifyAuditChain } = await import("../lib/audit/verify-audit-chain");
  const { getIncident } = await import("../lib/incidents/get-incident");
  for (let i = 0; i < 3; i++) {
    let t = performance.now(); const lap = (l: string) => { const n = performance.now(); console.log(l, Math.round(n - t)); t = n; };
    await verifyAuditChain(); lap("verify");
    await getIncident({ incidentId }); lap("getIncident");
    const { verifyIncidentAudit } = await import("../lib/audit/verify-incident-audit");
    const { hashAuditEvent } = await import("../lib/audit/hash-audit-event");
    const { db } = await import("../lib/db");
    const rows = await db().auditEvent.findMany({ where: { incidentId }, orderBy: { id: "asc" } }); lap("fetch rows");
    for (const r of rows) hashAuditEvent(r as never); lap("hash rows");
    await verifyIncidentAudit({ incidentId }); lap("verifyIncidentAudit");
    const records = await loadReportRecords({ incidentId }); lap("load (all)");
    const report = buildIncidentReport(records); lap("build");
    for (const format of ["json", "md", "docx"]) { await exportReport({ report, format }); lap(format); }
  }
} finally {
  await stack.stop();
  await database.drop();
}
process.exit(0);
