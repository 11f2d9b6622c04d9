/**
 * TanStack Query keys of the incidents feature, built in one place. Keys nest (all > lists > list(filter)), so
 * invalidating a prefix refreshes everything under it; the timeline has its own branch, fed by the live stream,
 * so refreshing an incident's details does not refetch its timeline.
 */
export interface IncidentListFilter {
  status?: "open" | "resolved" | "abandoned";
  environment?: "test" | "preprod" | "production";
  scenario?: string;
  mode?: "incident" | "drill";
  from?: string;
  to?: string;
}

/** Drops empty values and orders keys, so that equal filters give equal keys. */
function normaliseFilter(filter: IncidentListFilter): IncidentListFilter {
  const entries = Object.entries(filter).filter(([, v]) => v !== undefined && v !== "");
  entries.sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(entries) as IncidentListFilter;
}

export const incidentKeys = {
  all: () => ["incidents"] as const,
  lists: () => [...incidentKeys.all(), "list"] as const,
  list: (filter: IncidentListFilter = {}) => [...incidentKeys.lists(), normaliseFilter(filter)] as const,
  details: () => [...incidentKeys.all(), "detail"] as const,
  detail: (incidentId: string) => [...incidentKeys.details(), incidentId] as const,
  timelines: () => [...incidentKeys.all(), "timeline"] as const,
  timeline: (incidentId: string) => [...incidentKeys.timelines(), incidentId] as const,
};
