import { z } from "zod";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { DrillView } from "./drill-view";
import { parseOrThrow } from "./drill-input";
import { toDrillView } from "./to-drill-view";

const filterSchema = z.object({
  /** Scheduled at or after (ISO 8601). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Scheduled before (ISO 8601). */
  to: z.iso.datetime({ offset: true }).optional(),
  status: z.array(z.enum(["scheduled", "started", "completed", "cancelled"])).optional(),
  /** Only this drill (the page of one drill). */
  id: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type ListDrillsFilter = z.input<typeof filterSchema>;

/** Scheduled DR tests in time order, with their runs (drill-mode incidents) and recorded outcomes. */
export async function listDrills(options: { filter?: ListDrillsFilter } = {}): Promise<DrillView[]> {
  const f = parseOrThrow(filterSchema, options.filter, "Bad filter");
  const where: Prisma.ScheduledDrillWhereInput = {
    ...(f.id ? { id: f.id } : {}),
    ...(f.status ? { status: { in: f.status } } : {}),
    ...(f.from || f.to ? { scheduledAt: { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.to ? { lt: new Date(f.to) } : {}) } } : {}),
  };
  const drills = await db().scheduledDrill.findMany({
    where,
    orderBy: { scheduledAt: "asc" },
    take: f.limit,
    include: { runs: true, outcomes: { omit: { report: true } } },
  });
  const incidentIds = drills.flatMap((d) => d.runs.map((r) => r.incidentId));
  const incidents = incidentIds.length ? await db().incident.findMany({ where: { id: { in: incidentIds } }, select: { id: true, status: true } }) : [];
  const statuses = Object.fromEntries(incidents.map((i) => [i.id, i.status]));
  return drills.map((d) => toDrillView(d, statuses));
}
