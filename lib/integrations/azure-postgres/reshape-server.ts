import type { Server } from "@azure/arm-postgresql-flexible";
import type { FlexibleServer } from "./port";

const iso = (value: Date | string | undefined): string | undefined =>
  value === undefined ? undefined : (value instanceof Date ? value : new Date(value)).toISOString();

/** The SDK's Server as our FlexibleServer: the vendor type stops here. */
export function reshapeServer(server: Server): FlexibleServer {
  const pointInTime = iso(server.pointInTimeUTC);
  return {
    name: server.name ?? "",
    resourceId: server.id ?? "",
    state: server.state ?? "Unknown",
    location: server.location,
    version: server.version,
    earliestRestoreDate: iso(server.backup?.earliestRestoreDate),
    ...(server.sourceServerResourceId && pointInTime
      ? { restoredFrom: { sourceServerResourceId: server.sourceServerResourceId, pointInTimeUtc: pointInTime, createMode: server.createMode ?? "Unknown" } }
      : {}),
    createdAt: iso(server.systemData?.createdAt),
    fullyQualifiedDomainName: server.fullyQualifiedDomainName,
    tags: { ...(server.tags ?? {}) },
  };
}
