import { serverResourceId, type ServerRecord } from "./state";

/**
 * The `Server` resource as ARM returns it (2025-08-01 and 2024-08-01 share this shape for the fields used),
 * modelled on the official ServersGet example.
 */
export function serverBody(server: ServerRecord, earliestRestoreDate: Date): Record<string, unknown> {
  return {
    id: serverResourceId(server),
    name: server.name,
    type: "Microsoft.DBforPostgreSQL/flexibleServers",
    location: server.location,
    tags: server.tags,
    sku: server.sku,
    systemData: {
      createdBy: server.createdBy,
      createdByType: "User",
      createdAt: server.createdAt,
      lastModifiedBy: server.createdBy,
      lastModifiedByType: "User",
      lastModifiedAt: server.createdAt,
    },
    properties: {
      administratorLogin: server.administratorLogin,
      version: server.version,
      minorVersion: server.version === "16" ? "9" : "5",
      state: server.state,
      fullyQualifiedDomainName: `${server.name}.postgres.database.azure.com`,
      storage: { storageSizeGB: server.storageSizeGB, autoGrow: "Disabled", tier: "P4", iops: 120 },
      authConfig: { activeDirectoryAuth: "Disabled", passwordAuth: "Enabled" },
      dataEncryption: { type: "SystemManaged" },
      backup: { backupRetentionDays: 7, geoRedundantBackup: "Disabled", earliestRestoreDate: earliestRestoreDate.toISOString() },
      network: server.network,
      highAvailability: { mode: "Disabled", state: "NotEnabled", standbyAvailabilityZone: "" },
      maintenanceWindow: { customWindow: "Disabled", dayOfWeek: 0, startHour: 0, startMinute: 0 },
      availabilityZone: "1",
      replicationRole: "Primary",
      replicaCapacity: 5,
      replica: { role: "Primary", capacity: 5 },
      privateEndpointConnections: [],
    },
  };
}

/** The network block the teacher-services servers have: private access through a delegated subnet of the cluster's network. */
export function privateNetwork(subscriptionId: string, vnetResourceGroup: string): Record<string, unknown> {
  const base = vnetResourceGroup.replace(/-rg$/, "");
  return {
    publicNetworkAccess: "Disabled",
    delegatedSubnetResourceId: `/subscriptions/${subscriptionId}/resourceGroups/${vnetResourceGroup}/providers/Microsoft.Network/virtualNetworks/${base}-vnet/subnets/postgres-snet`,
    privateDnsZoneArmResourceId: `/subscriptions/${subscriptionId}/resourceGroups/${vnetResourceGroup}/providers/Microsoft.Network/privateDnsZones/${base}.internal.postgres.database.azure.com`,
  };
}
