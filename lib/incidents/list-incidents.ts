import { z } from "zod";
import { getEnvironment } from "../catalogue/catalogue";
import { db } from "../db";
import { ValidationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { getScenario } from "../runbooks/scenarios";
import type { IncidentSummary } from "./incident-view";
import { timeView } from "./time-view";

export const listIncidentsFilterSchema = z.object({
  status: z.enum(["open", "resolved", "abandoned"]).optional(),
  environment: z.enum(["test", "preprod", "production"]).optional(),
  scenario: z.string().trim().max(100).optional(),
  mode: z.enum(["incident", "drill"]).optional(),
  /** Opened at or after (ISO 8601). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Opened before (ISO 8601). */
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListIncidentsFilter = z.input<typeof listIncidentsFilterSchema>;

/** Incidents and drills, newest first, with a summary of their steps. */
export async function listIncidents(options: { filter?: unknown } = {}): Promise<IncidentSummary[]> {
  const parsed = listIncidentsFilterSchema.safeParse(options.filter ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    throw new ValidationError(`Bad filter: ${issues.map((i) => `${i.path}: ${i.message}`).join(" ")}`, issues);
  }
  const f = parsed.data;
  const where: Prisma.IncidentWhereInput = {
    ...(f.status ? { status: f.status } : {}),
    ...(f.environment ? { environment: f.environment } : {}),
    ...(f.scenario ? { scenario: f.scenario } : {}),
    ...(f.mode ? { mode: f.mode } : {}),
    ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.to ? { lt: new Date(f.to) } : {}) } } : {}),
  };
  const incidents = await db().incident.findMany({
    where,
    orderBy: { createdAt: "desc" },
    take: f.limit,
    include: { steps: { select: { stepId: true, state: true, position: true }, orderBy: { position: "asc" } } },
  });
  return incidents.map((incident) => {
    const scenario = getScenario(incident.scenario);
    const environment = getEnvironment(incident.serviceKey, incident.environment);
    const count = (state: string) => incident.steps.filter((s) => s.state === state).length;
    const current = incident.steps.find((s) => ["ready", "awaiting_approval", "running", "failed"].includes(s.state));
    return {
      id: incident.id,
      scenario: { id: scenario.id, title: scenario.title },
      environment: { key: environment.key, label: environment.label, production: environment.production },
      mode: incident.mode,
      status: incident.status,
      lead: { id: incident.leadId, name: incident.leadName },
      detectedAt: timeView(incident.detectedAt),
      createdAt: timeView(incident.createdAt),
      closedAt: timeView(incident.closedAt),
      steps: {
        total: incident.steps.length, succeeded: count("succeeded"), skipped: count("skipped"), failed: count("failed"),
        running: count("running"), awaitingApproval: count("awaiting_approval"),
      },
      current: current
        ? { id: current.stepId, title: scenario.steps.find((s) => s.id === current.stepId)?.title ?? current.stepId, state: current.state }
        : null,
    };
  });
}
