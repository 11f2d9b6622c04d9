import type { PgBoss } from "pg-boss";
import { db } from "../../db";
import { enqueueTidyUp, ensureTidyUpQueue } from "./tidy-up-queue";

/** Queues a job for every unfinished tidy-up (after a restart; the queue's singleton key drops duplicates). */
export async function resumeTidyUps(boss: PgBoss): Promise<number> {
  await ensureTidyUpQueue(boss);
  const unfinished = await db().tidyUpAction.findMany({ where: { status: { in: ["pending", "running"] } }, select: { id: true } });
  for (const a of unfinished) await enqueueTidyUp(boss, { actionId: a.id });
  return unfinished.length;
}
