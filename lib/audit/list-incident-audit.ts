import { z } from "zod";
import { ValidationError } from "../errors";
import { loadRun } from "../engine/load-run";
import { listAuditEvents, type AuditEventView } from "./list-audit-events";

const querySchema = z.object({
  afterId: z.string().regex(/^\d{1,18}$/, "a row id (digits)").optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/** The audit rows of one incident, oldest first; `afterId` pages on (or catches up after a reconnection). */
export async function listIncidentAudit(options: { incidentId: string; afterId?: string; limit?: string | number }): Promise<AuditEventView[]> {
  const parsed = querySchema.safeParse({ afterId: options.afterId, limit: options.limit ?? undefined });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    throw new ValidationError(`Bad query: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  }
  await loadRun({ incidentId: options.incidentId }); // NotFoundError for an unknown incident
  return listAuditEvents({ incidentId: options.incidentId, afterId: parsed.data.afterId, limit: parsed.data.limit });
}
