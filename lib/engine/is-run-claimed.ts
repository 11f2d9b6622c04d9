import { db } from "../db";

/**
 * Whether a workflow run is already recorded as another operation's run: the GitHub port asks before adopting a run
 * it finds by workflow, branch, actor and time (after a crash between "dispatched" and "recorded").
 */
export async function isRunClaimed(runId: number): Promise<boolean> {
  const found = await db().operation.findFirst({ where: { kind: "github.dispatch-workflow", externalId: String(runId) }, select: { id: true } });
  return found !== null;
}
