import { db } from "../db";
import { enqueueOperationTick } from "../jobs/enqueue-operation-tick";

/**
 * Makes sure every unfinished operation has a tick queued: on start (after a crash or a deploy) and then
 * periodically (another replica may have died holding one). Cheap and safe to repeat: at most one tick is queued
 * per operation, and ticks of one operation never run at once.
 */
export async function resumeOperations(): Promise<number> {
  const unfinished = await db().operation.findMany({
    where: { status: { in: ["pending", "sending", "running", "verifying"] } },
    select: { id: true },
  });
  for (const op of unfinished) await enqueueOperationTick({ operationId: op.id });
  return unfinished.length;
}
