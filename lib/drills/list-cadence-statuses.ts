import { db } from "../db";
import type { DrillCadence } from "../generated/prisma/client";
import { computeDrillDue, type DrillDue } from "./compute-drill-due";
import { listLastTests, type LastTest } from "./list-last-tests";

export interface CadenceStatus {
  cadence: DrillCadence;
  lastTest: LastTest | null;
  due: DrillDue;
}

/** Every active cadence with its last test and when the next one is due (overdue or not) at `now`. */
export async function listCadenceStatuses(options: { now: Date }): Promise<CadenceStatus[]> {
  const [cadences, last] = await Promise.all([db().drillCadence.findMany({ where: { active: true }, orderBy: { createdAt: "asc" } }), listLastTests()]);
  return cadences.map((cadence) => {
    const lastTest = last.get(`${cadence.serviceKey}/${cadence.scenario}/${cadence.environment}`) ?? null;
    return { cadence, lastTest, due: computeDrillDue({ rule: cadence, lastTestAt: lastTest?.at ?? null, now: options.now }) };
  });
}
