import type { Prisma } from "../generated/prisma/client";
import type { ScenarioDefinition } from "../runbooks/types";
import { computeReadiness } from "./compute-readiness";

/** Inside a transaction, after a step changed: pending steps whose dependencies are done become ready. */
export async function refreshReadiness(tx: Prisma.TransactionClient, options: { incidentId: string; scenario: ScenarioDefinition; branch: string | null }): Promise<string[]> {
  const runs = await tx.stepRun.findMany({ where: { incidentId: options.incidentId }, select: { stepId: true, state: true } });
  const steps = runs.flatMap((r) => {
    const definition = options.scenario.steps.find((s) => s.id === r.stepId);
    return definition ? [{ id: r.stepId, state: r.state, after: definition.after, branch: definition.branch }] : [];
  });
  const ready = computeReadiness({ steps, branch: options.branch });
  if (ready.length) {
    await tx.stepRun.updateMany({ where: { incidentId: options.incidentId, stepId: { in: ready }, state: "pending" }, data: { state: "ready" } });
  }
  return ready;
}
