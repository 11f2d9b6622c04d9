import { db } from "../db";
import type { AuditEvent } from "../generated/prisma/client";
import type { JsonValue } from "./canonical-json";
import { GENESIS_HASH, hashAuditEvent } from "./hash-audit-event";

export type AuditChainResult =
  | { ok: true; checked: number; lastId: string | null; checkedAt: string }
  | {
      ok: false;
      checked: number;
      checkedAt: string;
      /** The first row that does not hold: the link to name in a report. */
      brokenAt: { id: string; reason: "content_changed" | "link_broken"; message: string };
    };

/**
 * Walks the whole chain in id order, recomputing each row's hash and checking it names its predecessor.
 * A changed row fails its own hash; a removed or reordered row breaks the next row's link.
 * (Removing the newest rows leaves a shorter valid chain: the count and last hash in an exported report catch that.)
 */
export async function verifyAuditChain(options: { batchSize?: number } = {}): Promise<AuditChainResult> {
  const batchSize = options.batchSize ?? 2000;
  const checkedAt = new Date().toISOString();
  let previous = GENESIS_HASH;
  let lastId: bigint | null = null;
  let checked = 0;
  for (;;) {
    const rows: AuditEvent[] = await db().auditEvent.findMany({
      where: lastId === null ? {} : { id: { gt: lastId } },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      const brokenAt = checkAuditRow(row, previous);
      if (brokenAt) return { ok: false, checked, checkedAt, brokenAt };
      previous = row.hash;
      lastId = row.id;
      checked += 1;
    }
  }
  return { ok: true, checked, lastId: lastId?.toString() ?? null, checkedAt };
}

/** Whether one row holds where it sits: it names `expectedPrev` as its predecessor, and its contents match its hash. */
export function checkAuditRow(row: AuditEvent, expectedPrev: string): { id: string; reason: "content_changed" | "link_broken"; message: string } | null {
  const id = row.id.toString();
  if (row.prevHash !== expectedPrev) {
    return { id, reason: "link_broken", message: `Audit row ${id} does not follow the row before it: a row was removed, inserted or reordered before it.` };
  }
  // The row itself (its inputs and detail are JSON as jsonb gives them back): no copy of it per row.
  if (hashAuditEvent(row as Omit<AuditEvent, "inputs" | "detail"> & { inputs: JsonValue | null; detail: JsonValue | null }) !== row.hash) {
    return { id, reason: "content_changed", message: `Audit row ${id} was changed after it was written: its contents no longer match its hash.` };
  }
  return null;
}
