import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";

/**
 * Every state change is one transaction that also appends its audit row, so both happen or neither does.
 * Generous waits: under a burst (50 people pressing start at once) transactions queue for the pool and for the
 * audit chain's lock; each one is short.
 */
export function inTransaction<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db().$transaction(fn, { maxWait: 15_000, timeout: 30_000, isolationLevel: "ReadCommitted" });
}
