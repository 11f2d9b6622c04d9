import { db } from "../db";

export interface LastTest {
  at: Date;
  result: "success" | "fail";
  drillId: string | null;
}

/** The latest recorded test (the service list) of each service deployment, scenario and environment. */
export async function listLastTests(): Promise<Map<string, LastTest>> {
  const records = await db().serviceListRecord.findMany({ orderBy: { testedAt: "asc" }, select: { serviceKey: true, scenario: true, environment: true, testedAt: true, status: true, drillId: true } });
  const last = new Map<string, LastTest>();
  for (const r of records) last.set(`${r.serviceKey}/${r.scenario}/${r.environment}`, { at: r.testedAt, result: r.status, drillId: r.drillId });
  return last;
}
