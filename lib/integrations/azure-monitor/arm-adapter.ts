import { MonitorClient } from "@azure/arm-monitor";
import type { TokenCredential } from "@azure/core-auth";
import { armClientOptions, type ArmConnection } from "../azure/arm-client-options";
import { azureIntegrationError, isAzureNotFound } from "../azure/azure-integration-error";
import type { CallPolicy } from "../shared/call-policy";
import type { AzureMonitorPort, DiagnosticSetting, ServerActivityEvent, ServerDeletion } from "./port";
import { reshapeActivityEvent } from "./reshape-activity-event";

const SYSTEM = "azure-monitor";
const DELETE_OPERATION = "microsoft.dbforpostgresql/flexibleservers/delete";

export interface ArmMonitorAdapterOptions {
  credential: TokenCredential;
  connection: ArmConnection;
  policy: CallPolicy;
}

/** `/subscriptions/<id>/...`: the subscription a resource id belongs to (the client is made per subscription). */
function subscriptionOf(resourceId: string): string {
  const match = /\/subscriptions\/([^/]+)/i.exec(resourceId);
  if (!match?.[1]) throw new RangeError(`Not an Azure resource id: ${resourceId}`);
  return match[1];
}

/**
 * Azure Monitor through @azure/arm-monitor: the activity log of a flexible server (its deletion time; whether a
 * create or revive failed) and the diagnostic settings on a resource id (listed; deleted, a missing one counting
 * as deleted so that a repeat is harmless).
 */
export function createArmMonitorAdapter(options: ArmMonitorAdapterOptions): AzureMonitorPort {
  const clients = new Map<string, MonitorClient>();
  const client = (subscriptionId: string) => {
    let found = clients.get(subscriptionId);
    if (!found) {
      found = new MonitorClient(options.credential, subscriptionId, armClientOptions({ connection: options.connection, policy: options.policy }));
      clients.set(subscriptionId, found);
    }
    return found;
  };

  async function listServerActivity(args: { subscriptionId: string; serverResourceId: string; since: string }): Promise<ServerActivityEvent[]> {
    // Azure accepts `eventTimestamp ge` with at most one narrowing clause; resourceUri keeps the answer small.
    const filter = `eventTimestamp ge '${new Date(args.since).toISOString()}' and resourceUri eq '${args.serverResourceId}'`;
    const events: ServerActivityEvent[] = [];
    try {
      for await (const event of client(args.subscriptionId).activityLogs.list(filter)) events.push(reshapeActivityEvent(event));
    } catch (error) {
      throw azureIntegrationError({ system: SYSTEM, doing: `read the activity log of ${args.serverResourceId.split("/").pop()}`, error });
    }
    return events.sort((a, b) => b.eventAt.localeCompare(a.eventAt));
  }

  async function findServerDeletion(args: { subscriptionId: string; serverResourceId: string; since: string }): Promise<ServerDeletion | null> {
    const deletes = (await listServerActivity(args)).filter((e) => e.operation.toLowerCase() === DELETE_OPERATION);
    // One deletion is several events (Started, then Succeeded or Failed) sharing a correlation id; a failed one
    // did not delete anything.
    const byCorrelation = new Map<string, ServerActivityEvent[]>();
    for (const e of deletes) {
      const key = e.correlationId ?? e.eventAt;
      byCorrelation.set(key, [...(byCorrelation.get(key) ?? []), e]);
    }
    const deletions = [...byCorrelation.values()]
      .filter((events) => !events.some((e) => e.status.toLowerCase() === "failed"))
      .map((events) => events.reduce((first, e) => (e.submittedAt < first.submittedAt ? e : first)))
      .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
    const latest = deletions[0];
    return latest ? { deletedAt: latest.submittedAt, caller: latest.caller, correlationId: latest.correlationId } : null;
  }

  async function listDiagnosticSettings(args: { resourceId: string }): Promise<DiagnosticSetting[]> {
    const settings: DiagnosticSetting[] = [];
    try {
      for await (const s of client(subscriptionOf(args.resourceId)).diagnosticSettings.list(args.resourceId)) settings.push({ id: s.id ?? "", name: s.name ?? "" });
    } catch (error) {
      throw azureIntegrationError({ system: SYSTEM, doing: `list the diagnostic settings of ${args.resourceId.split("/").pop()}`, error });
    }
    return settings;
  }

  async function deleteDiagnosticSetting(args: { resourceId: string; name: string }): Promise<void> {
    try {
      await client(subscriptionOf(args.resourceId)).diagnosticSettings.delete(args.resourceId, args.name);
    } catch (error) {
      if (isAzureNotFound(error)) return;
      throw azureIntegrationError({ system: SYSTEM, doing: `delete the diagnostic setting ${args.name}`, error });
    }
  }

  return { findServerDeletion, listServerActivity, listDiagnosticSettings, deleteDiagnosticSetting };
}
