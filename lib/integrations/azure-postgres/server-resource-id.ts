import type { ServerRef } from "./port";

/** ARM resource id of a flexible server (what ReviveDropped's sourceServerResourceId and the activity log name). */
export function serverResourceIdOf(ref: ServerRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${ref.server}`;
}
