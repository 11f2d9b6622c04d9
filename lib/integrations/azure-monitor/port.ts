/**
 * Azure Monitor: the activity log and diagnostic settings, in our own types (real adapter: @azure/arm-monitor).
 */

export interface ServerDeletion {
  /** Activity log `submissionTimestamp` of Microsoft.DBforPostgreSQL/flexibleServers/delete, ISO 8601 UTC. */
  deletedAt: string;
  caller?: string;
  correlationId?: string;
}

/** One activity-log event of a flexible server (a write = create/revive/restore/update, or a delete). */
export interface ServerActivityEvent {
  /** Microsoft.DBforPostgreSQL/flexibleServers/write, .../delete, ... */
  operation: string;
  /** Started, Accepted, Succeeded, Failed, ... */
  status: string;
  /** When it happened and when the log recorded it (ISO 8601 UTC). */
  eventAt: string;
  submittedAt: string;
  caller?: string;
  correlationId?: string;
  /** Azure's error message for a failed operation, when the event carries one. */
  message?: string;
}

export interface DiagnosticSetting {
  id: string;
  name: string;
}

export interface AzureMonitorPort {
  /** The latest deletion of the server recorded in the activity log since `since`, or null. */
  findServerDeletion(options: { subscriptionId: string; serverResourceId: string; since: string }): Promise<ServerDeletion | null>;
  /** Every activity-log event of the server since `since`, newest first (e.g. to learn that a revive failed). */
  listServerActivity(options: { subscriptionId: string; serverResourceId: string; since: string }): Promise<ServerActivityEvent[]>;
  listDiagnosticSettings(options: { resourceId: string }): Promise<DiagnosticSetting[]>;
  /** Deleting a setting that is already gone succeeds (so a repeat after a crash is safe). */
  deleteDiagnosticSetting(options: { resourceId: string; name: string }): Promise<void>;
}
