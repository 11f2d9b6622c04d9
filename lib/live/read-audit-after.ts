import { db } from "../db";
import type { LiveEvent } from "./live-event";
import { toLiveEvent } from "./to-live-event";

export interface ReadAuditAfterOptions {
  /** Rows with a larger id than this. */
  afterId: bigint;
  /** And no larger than this (the replay stops where the live feed takes over). */
  upToId?: bigint;
  incidentId?: string;
  limit?: number;
}

/** Audit rows after a sequence number, in sequence order: the replay a reconnecting browser needs. */
export async function readAuditAfter(options: ReadAuditAfterOptions): Promise<LiveEvent[]> {
  const rows = await db().auditEvent.findMany({
    where: {
      id: { gt: options.afterId, ...(options.upToId !== undefined ? { lte: options.upToId } : {}) },
      ...(options.incidentId ? { incidentId: options.incidentId } : {}),
    },
    orderBy: { id: "asc" },
    take: Math.min(Math.max(options.limit ?? 500, 1), 5000),
  });
  return rows.map(toLiveEvent);
}
