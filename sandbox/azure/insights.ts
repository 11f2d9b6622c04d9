import { ArmError } from "./arm-errors";
import { serverResourceId, type ActivityEventRecord, type AzureState, type DiagnosticSettingRecord } from "./state";

/**
 * Microsoft.Insights as far as the runbook needs it: diagnostic settings on a server's resource id (they
 * outlive a deleted server, which is what breaks the next terraform deploy) and the activity log's
 * management events (where the deletion time of a server is read).
 */

/** The diagnostic-settings API answers errors flat (`{code, message}`), as its own contract says. */
export class InsightsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "InsightsError";
  }
}

export function settingBody(setting: DiagnosticSettingRecord): Record<string, unknown> {
  return {
    id: `${setting.resourceId}/providers/microsoft.insights/diagnosticSettings/${setting.name}`,
    type: "Microsoft.Insights/diagnosticSettings",
    name: setting.name,
    properties: setting.properties,
  };
}

/** The setting teacher-services' terraform attaches to each production server: its logs to Log Analytics. */
export function productionSettingProperties(subscriptionId: string, clusterResourceGroup: string): Record<string, unknown> {
  const base = clusterResourceGroup.replace(/-rg$/, "");
  return {
    workspaceId: `/subscriptions/${subscriptionId}/resourceGroups/${clusterResourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${base}-log`,
    logs: [{ category: "PostgreSQLLogs", enabled: true, retentionPolicy: { enabled: false, days: 0 } }],
    metrics: [{ category: "AllMetrics", enabled: false, retentionPolicy: { enabled: false, days: 0 } }],
  };
}

export class DiagnosticSettings {
  constructor(private readonly state: AzureState) {}

  private known(resourceUri: string): boolean {
    const id = resourceUri.toLowerCase();
    return (
      this.state.data.servers.some((s) => serverResourceId(s).toLowerCase() === id) ||
      this.state.data.dropped.some((d) => serverResourceId(d.server).toLowerCase() === id) ||
      this.state.data.diagnosticSettings.some((d) => d.resourceId.toLowerCase() === id)
    );
  }

  private notFound(resourceUri: string): InsightsError {
    return new InsightsError(404, "ResourceNotFound", `The resource '${resourceUri}' could not be found.`);
  }

  list(resourceUri: string): Record<string, unknown>[] {
    if (!this.known(resourceUri)) throw this.notFound(resourceUri);
    const id = resourceUri.toLowerCase();
    return this.state.data.diagnosticSettings.filter((d) => d.resourceId.toLowerCase() === id).map(settingBody);
  }

  get(resourceUri: string, name: string): Record<string, unknown> {
    const setting = this.find(resourceUri, name);
    if (!setting) {
      if (!this.known(resourceUri)) throw this.notFound(resourceUri);
      throw new InsightsError(404, "ResourceNotFound", `The diagnostic setting '${name}' doesn't exist.`);
    }
    return settingBody(setting);
  }

  async put(resourceUri: string, name: string, body: unknown): Promise<Record<string, unknown>> {
    const live = this.state.data.servers.some((s) => serverResourceId(s).toLowerCase() === resourceUri.toLowerCase());
    if (!live) throw this.notFound(resourceUri);
    if (typeof body !== "object" || body === null || typeof (body as { properties?: unknown }).properties !== "object") {
      throw new InsightsError(400, "BadRequest", "The request body must contain 'properties'.");
    }
    const properties = (body as { properties: Record<string, unknown> }).properties;
    if (!properties.workspaceId && !properties.storageAccountId && !properties.eventHubAuthorizationRuleId && !properties.marketplacePartnerId) {
      throw new InsightsError(400, "BadRequest", "At least one destination (workspaceId, storageAccountId, eventHubAuthorizationRuleId, marketplacePartnerId) is required.");
    }
    const existing = this.find(resourceUri, name);
    if (existing) existing.properties = properties;
    else this.state.data.diagnosticSettings.push({ resourceId: canonicalResourceId(resourceUri), name, properties });
    await this.state.save();
    return settingBody(this.find(resourceUri, name)!);
  }

  /** true when something was deleted (200), false when there was nothing (204). */
  async delete(resourceUri: string, name: string): Promise<boolean> {
    const setting = this.find(resourceUri, name);
    if (!setting) {
      if (!this.known(resourceUri)) throw this.notFound(resourceUri);
      return false;
    }
    this.state.data.diagnosticSettings = this.state.data.diagnosticSettings.filter((d) => d !== setting);
    await this.state.save();
    return true;
  }

  private find(resourceUri: string, name: string): DiagnosticSettingRecord | undefined {
    const id = resourceUri.toLowerCase();
    return this.state.data.diagnosticSettings.find((d) => d.resourceId.toLowerCase() === id && d.name.toLowerCase() === name.toLowerCase());
  }
}

/** `/subscriptions/..` with a single leading slash (the SDK may send `//subscriptions/..` or no slash). */
export function canonicalResourceId(resourceUri: string): string {
  return `/${resourceUri.replace(/^\/+/, "")}`;
}

// ---- activity log ----

export interface ActivityLogFilter {
  from: Date;
  to: Date;
  resourceGroupName?: string;
  resourceUri?: string;
  resourceProvider?: string;
  correlationId?: string;
}

/**
 * Parses the activity log's `$filter`, which Azure restricts to a few patterns: `eventTimestamp ge '..'`
 * (required) and `le '..'`, joined by `and` to at most one of resourceGroupName, resourceUri,
 * resourceProvider or correlationId `eq '..'`.
 */
export function parseActivityLogFilter(filter: string | undefined, now = new Date()): ActivityLogFilter {
  if (!filter) throw new ArmError(400, "BadRequest", "The $filter query parameter is required and must contain at least 'eventTimestamp ge'.");
  const clauses = filter.split(/\s+and\s+/i).map((c) => c.trim()).filter(Boolean);
  const result: Partial<ActivityLogFilter> = {};
  for (const clause of clauses) {
    const match = /^(\w+)\s+(eq|ge|le)\s+'([^']*)'$/i.exec(clause);
    if (!match) throw new ArmError(400, "BadRequest", `The $filter clause '${clause}' is not supported.`);
    const [, field, op, value] = match as unknown as [string, string, string, string];
    const f = field.toLowerCase();
    const o = op.toLowerCase();
    if (f === "eventtimestamp" && (o === "ge" || o === "le")) {
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) throw new ArmError(400, "BadRequest", `'${value}' is not a valid date and time.`);
      if (o === "ge") result.from = date;
      else result.to = date;
    } else if (o === "eq" && f === "resourcegroupname") result.resourceGroupName = value;
    else if (o === "eq" && f === "resourceuri") result.resourceUri = value;
    else if (o === "eq" && f === "resourceprovider") result.resourceProvider = value;
    else if (o === "eq" && f === "correlationid") result.correlationId = value;
    else throw new ArmError(400, "BadRequest", `The $filter field '${field}' with operator '${op}' is not supported.`);
  }
  if (!result.from) throw new ArmError(400, "BadRequest", "The $filter must contain 'eventTimestamp ge'.");
  const narrowing = [result.resourceGroupName, result.resourceUri, result.resourceProvider, result.correlationId].filter(Boolean);
  if (narrowing.length > 1) throw new ArmError(400, "BadRequest", "The $filter may narrow by only one of resourceGroupName, resourceUri, resourceProvider or correlationId.");
  const to = result.to ?? now;
  if (now.getTime() - result.from.getTime() > 90 * 86_400_000) {
    throw new ArmError(400, "BadRequest", "The activity log keeps 90 days of events: 'eventTimestamp ge' must be within the last 90 days.");
  }
  return { ...result, from: result.from, to } as ActivityLogFilter;
}

export function listActivity(state: AzureState, subscriptionId: string, filter: ActivityLogFilter): ActivityEventRecord[] {
  return state.data.activityLog
    .filter((e) => e.subscriptionId.toLowerCase() === subscriptionId.toLowerCase())
    .filter((e) => {
      const at = Date.parse(e.eventTimestamp);
      return at >= filter.from.getTime() && at <= filter.to.getTime();
    })
    .filter((e) => !filter.resourceGroupName || e.resourceGroup.toLowerCase() === filter.resourceGroupName.toLowerCase())
    .filter((e) => !filter.resourceUri || e.resourceId.toLowerCase() === canonicalResourceId(filter.resourceUri).toLowerCase())
    .filter((e) => !filter.resourceProvider || filter.resourceProvider.toLowerCase() === "microsoft.dbforpostgresql")
    .filter((e) => !filter.correlationId || e.correlationId === filter.correlationId)
    .sort((a, b) => b.eventTimestamp.localeCompare(a.eventTimestamp));
}

/** One event in the activity log's JSON, as the portal's JSON tab and the REST API show it. */
export function activityEventBody(e: ActivityEventRecord, tenantId: string): Record<string, unknown> {
  const ticks = (BigInt(Date.parse(e.eventTimestamp)) * 10_000n + 621_355_968_000_000_000n).toString();
  const action = e.operationName;
  return {
    authorization: { action, scope: e.resourceId },
    caller: e.caller,
    channels: "Operation",
    claims: { name: e.caller, "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn": e.caller },
    correlationId: e.correlationId,
    description: "",
    eventDataId: e.eventDataId,
    eventName: { value: e.eventName, localizedValue: e.eventName === "BeginRequest" ? "Begin request" : "End request" },
    category: { value: "Administrative", localizedValue: "Administrative" },
    eventTimestamp: e.eventTimestamp,
    id: `${e.resourceId}/events/${e.eventDataId}/ticks/${ticks}`,
    level: "Informational",
    operationId: e.operationId,
    operationName: { value: action, localizedValue: e.operationLocalizedName },
    resourceGroupName: e.resourceGroup,
    resourceProviderName: { value: "Microsoft.DBforPostgreSQL", localizedValue: "Azure Database for PostgreSQL flexible servers" },
    resourceType: { value: "Microsoft.DBforPostgreSQL/flexibleServers", localizedValue: "Microsoft.DBforPostgreSQL/flexibleServers" },
    resourceId: e.resourceId,
    status: { value: e.status, localizedValue: e.status },
    subStatus: e.status === "Succeeded" ? { value: "OK", localizedValue: "OK (HTTP Status Code: 200)" } : { value: "", localizedValue: "" },
    submissionTimestamp: e.submissionTimestamp,
    subscriptionId: e.subscriptionId,
    tenantId,
    properties: { eventCategory: "Administrative", entity: e.resourceId, message: action, hierarchy: `${tenantId}/${e.subscriptionId}` },
  };
}

/** `$select`: only the named top-level fields. */
export function selectFields(body: Record<string, unknown>, select: string | undefined): Record<string, unknown> {
  if (!select) return body;
  const wanted = select.split(",").map((s) => s.trim()).filter(Boolean);
  return Object.fromEntries(wanted.filter((k) => k in body).map((k) => [k, body[k]]));
}
