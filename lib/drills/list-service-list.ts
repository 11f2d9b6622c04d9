import { getEnvironment, getService } from "../catalogue/catalogue";
import { db } from "../db";
import { timeView } from "../incidents/time-view";
import type { TimeView } from "../incidents/incident-view";
import { getScenario } from "../runbooks/scenarios";

export interface ServiceListEntry {
  service: { key: string; name: string };
  environment: { key: string; label: string };
  scenario: { id: string; title: string };
  testedAt: TimeView;
  status: "success" | "fail";
  drillId: string | null;
  recordedBy: string;
}

/** The "service list": each service's DR tests, newest first (the latest per service and environment is its status). */
export async function listServiceList(options: { serviceKey?: string; limit?: number } = {}): Promise<ServiceListEntry[]> {
  const service = getService(options.serviceKey ?? "aytq");
  const records = await db().serviceListRecord.findMany({ where: { serviceKey: service.key }, orderBy: [{ testedAt: "desc" }, { recordedAt: "desc" }], take: options.limit ?? 100 });
  return records.map((r) => ({
    service: { key: r.service, name: service.services.find((s) => s.key === r.service)?.name ?? r.service },
    environment: { key: r.environment, label: getEnvironment(service.key, r.environment).label },
    scenario: { id: r.scenario, title: getScenario(r.scenario).title },
    testedAt: timeView(r.testedAt),
    status: r.status,
    drillId: r.drillId,
    recordedBy: r.recordedByName,
  }));
}
