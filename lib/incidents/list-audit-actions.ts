import { db } from "../db";

/** The actions that appear in the audit trail (for the audit pages' filter), in alphabetical order. */
export async function listAuditActions(): Promise<string[]> {
  const rows = await db().auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
