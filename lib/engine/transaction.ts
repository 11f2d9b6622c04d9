import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";

/**
 * Every state change is one transaction that also appends its audit row, so both happen or neither does.
 * Generous waits: under a burst (50 people pressing start at once) transactions queue for the pool and for the
 * audit chain's lock; each one is short.
 */
export function inTransaction<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  // READ COMMITTED, which the audit chain's lock-then-read relies on, is every connection's default (lib/db.ts):
  // asking for it here would cost a statement per transaction, and an automated step makes several.
  return db().$transaction(fn, { maxWait: 15_000, timeout: 30_000 });
}
