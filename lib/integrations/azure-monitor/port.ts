/**
 * Azure Monitor: the activity log and diagnostic settings, in our own types (real adapter: @azure/arm-monitor).
 */

export interface ServerDeletion {
  /** Activity log `submissionTimestamp` of Microsoft.DBforPostgreSQL/flexibleServers/delete, ISO 8601 UTC. */
  deletedAt: string;
  caller?: string;
  correlationId?: string;
}

export interface DiagnosticSetting {
  id: string;
  name: string;
}

export interface AzureMonitorPort {
  /** The latest deletion of the server recorded in the activity log since `since`, or null. */
  findServerDeletion(options: { subscriptionId: string; serverResourceId: string; since: string }): Promise<ServerDeletion | null>;
  listDiagnosticSettings(options: { resourceId: string }): Promise<DiagnosticSetting[]>;
  /** Deleting a setting that is already gone succeeds (so a repeat after a crash is safe). */
  deleteDiagnosticSetting(options: { resourceId: string; name: string }): Promise<void>;
}
