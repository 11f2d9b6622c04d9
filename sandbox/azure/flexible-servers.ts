import { randomUUID } from "node:crypto";
import type { Faults } from "../faults";
import type { ServerData } from "../data/server-data";
import { newServerKey } from "../data/names";
import { armErrors } from "./arm-errors";
import { checkPointInTimeRestore, checkRevive, checkServerName, earliestRestoreDate, isStillRevivable, parseArmTime } from "./restore-rules";
import { serverBody } from "./server-body";
import { serverResourceId, type AzureState, type OperationKind, type OperationRecord, type ServerRecord } from "./state";
import { drawSeconds, type AzureTimings } from "./timings";

/**
 * The emulated `Microsoft.DBforPostgreSQL/flexibleServers`: what a PUT or DELETE starts, how the server's
 * `state` moves over time, and the long-running operation that reports it. Rules are Azure's (see
 * restore-rules.ts); data work is delegated to ServerData. Routes (arm-routes.ts) translate HTTP to these calls.
 */

export interface CatalogueServer {
  service: string;
  environment: string;
  production: boolean;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

export interface FlexibleServersOptions {
  state: AzureState;
  data: ServerData;
  timings: AzureTimings;
  faults: Faults;
  retentionDays: number;
  /** The catalogue's servers: a server re-created under one of these names belongs to that environment. */
  catalogueServers: CatalogueServer[];
  log?: (message: string) => void;
}

const CREATE_MODES = ["Default", "Create", "Update", "PointInTimeRestore", "GeoRestore", "Replica", "ReviveDropped"] as const;

export class FlexibleServers {
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly options: FlexibleServersOptions) {}

  private get state(): AzureState {
    return this.options.state;
  }

  /** The resource body, or undefined when there is no such server in that group. */
  get(subscriptionId: string, resourceGroup: string, name: string): Record<string, unknown> | undefined {
    const server = this.state.server(name);
    if (!server || !sameScope(server, subscriptionId, resourceGroup)) return undefined;
    return this.body(server);
  }

  list(subscriptionId: string, resourceGroup?: string): Record<string, unknown>[] {
    return this.state.data.servers
      .filter((s) => s.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() && (!resourceGroup || s.resourceGroup.toLowerCase() === resourceGroup.toLowerCase()))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((s) => this.body(s));
  }

  body(server: ServerRecord): Record<string, unknown> {
    const earliest = earliestRestoreDate({ historyStart: new Date(server.historyStartsAt), retentionDays: this.options.retentionDays, now: new Date() });
    return serverBody(server, earliest);
  }

  /** PUT: validates as Azure would, then starts the operation. Throws ArmError for a request Azure refuses. */
  beginCreateOrUpdate(request: {
    subscriptionId: string;
    resourceGroup: string;
    name: string;
    body: unknown;
    caller: string;
  }): { operation: OperationRecord; createMode: string } {
    const name = request.name.toLowerCase();
    const nameProblem = checkServerName(request.name);
    if (nameProblem) throw nameProblem;
    if (!isObject(request.body)) throw armErrors.invalidRequestContent("the body must be a JSON object");
    const body = request.body;
    const properties = isObject(body.properties) ? body.properties : {};
    const createMode = typeof properties.createMode === "string" ? properties.createMode : "Default";
    if (!(CREATE_MODES as readonly string[]).includes(createMode)) {
      throw armErrors.invalidParameter(`The value '${createMode}' is not valid for property 'createMode'. Valid values: ${CREATE_MODES.join(", ")}.`);
    }
    if (typeof body.location !== "string" || body.location.trim() === "") throw armErrors.locationRequired();
    const location = body.location.toLowerCase().replace(/\s+/g, "");
    const now = new Date();

    const existing = this.state.server(name);
    if (existing) {
      if (existing.state === "Dropping") throw armErrors.dropping();
      if ((createMode === "Default" || createMode === "Update") && sameScope(existing, request.subscriptionId, request.resourceGroup)) {
        if (existing.state !== "Ready") throw armErrors.serverBusy(existing.name, existing.state);
        return { operation: this.beginUpdate(existing, body, properties, request.caller), createMode: "Update" };
      }
      throw armErrors.nameInUse();
    }
    if (createMode === "Update") throw armErrors.resourceNotFound("Microsoft.DBforPostgreSQL/flexibleServers", name, request.resourceGroup);
    if (createMode === "GeoRestore" || createMode === "Replica") {
      throw armErrors.invalidParameter(`createMode '${createMode}' is not available in the sandbox (it emulates one region).`);
    }

    const base = {
      key: newServerKey(),
      name,
      subscriptionId: request.subscriptionId,
      resourceGroup: request.resourceGroup,
      location,
      state: "Provisioning" as const,
      createdAt: now.toISOString(),
      createdBy: request.caller,
      historyStartsAt: now.toISOString(),
      environment: this.catalogueEnvironment(request.subscriptionId, request.resourceGroup, name),
      tags: isStringRecord(body.tags) ? body.tags : {},
    };

    if (createMode === "Default" || createMode === "Create") {
      const storage = isObject(properties.storage) ? properties.storage : {};
      const sku = isObject(body.sku) && typeof body.sku.name === "string" && typeof body.sku.tier === "string" ? { name: body.sku.name, tier: body.sku.tier } : { name: "Standard_B1ms", tier: "Burstable" };
      const server: ServerRecord = {
        ...base,
        createMode: "Create",
        version: typeof properties.version === "string" ? properties.version : "16",
        sku,
        storageSizeGB: typeof storage.storageSizeGB === "number" ? storage.storageSizeGB : 32,
        administratorLogin: typeof properties.administratorLogin === "string" ? properties.administratorLogin : "psqladmin",
        network: isObject(properties.network) ? properties.network : { publicNetworkAccess: "Enabled" },
      };
      return { operation: this.startOperation("create", server, this.options.timings.createSeconds, request.caller), createMode };
    }

    const sourceId = properties.sourceServerResourceId;
    if (typeof sourceId !== "string" || sourceId === "") {
      throw armErrors.invalidParameter(`The property 'sourceServerResourceId' is required when 'createMode' is '${createMode}'.`);
    }
    const point = parseArmTime(properties.pointInTimeUTC);
    if (!point) {
      throw armErrors.invalidParameter(`The property 'pointInTimeUTC' is required when 'createMode' is '${createMode}', as a date and time in ISO 8601 format.`);
    }

    if (createMode === "PointInTimeRestore") {
      const source = this.state.serverById(sourceId);
      if (!source) throw armErrors.sourceServerNotFound(sourceId);
      const earliest = earliestRestoreDate({ historyStart: new Date(source.historyStartsAt), retentionDays: this.options.retentionDays, now });
      const outside = checkPointInTimeRestore({ point, earliest, now });
      if (outside) throw outside;
      const server = this.inherit(base, source, properties, "PointInTimeRestore", sourceId, point);
      const operation = this.startOperation("pointInTimeRestore", server, this.options.timings.pointInTimeRestoreSeconds, request.caller, { serverKey: source.key, point: point.toISOString() });
      return { operation, createMode };
    }

    // ReviveDropped
    const dropped = this.state.droppedById(sourceId);
    if (!dropped || !isStillRevivable({ deletedAt: new Date(dropped.deletedAt), now })) {
      if (this.state.serverById(sourceId)) throw armErrors.sourceServerNotDropped(sourceId);
      throw armErrors.sourceServerNotFound(sourceId);
    }
    const invalid = checkRevive({ point, deletedAt: new Date(dropped.deletedAt), now });
    if (invalid) throw invalid;
    const server = this.inherit(base, dropped.server, properties, "ReviveDropped", sourceId, point);
    // Any valid point is after the deletion, when the data stopped changing: the revived data is the final data.
    const operation = this.startOperation("revive", server, this.options.timings.reviveSeconds, request.caller, { serverKey: dropped.server.key, point: dropped.dataFinalAt });
    return { operation, createMode };
  }

  /** DELETE: starts dropping; the database is unreachable at once. Undefined when there is no such server. */
  beginDelete(request: { subscriptionId: string; resourceGroup: string; name: string; caller: string; requestedAt?: Date }): OperationRecord | undefined {
    const server = this.state.server(request.name);
    if (!server || !sameScope(server, request.subscriptionId, request.resourceGroup)) return undefined;
    if (server.state === "Dropping") throw armErrors.dropping();
    if (server.state !== "Ready") throw armErrors.serverBusy(server.name, server.state);
    const operation = this.startOperation("delete", server, this.options.timings.deleteSeconds, request.caller, undefined, request.requestedAt);
    return operation;
  }

  operationStatus(id: string): OperationRecord | undefined {
    return this.state.operation(id);
  }

  /** Moves operations along: called every tick, and resumes work after a restart. */
  async tick(): Promise<void> {
    const now = Date.now();
    let changed = false;
    for (const operation of this.state.data.operations) {
      if (operation.status !== "InProgress") continue;
      if (operation.outcome === "normal" && !operation.dataDone && !this.running.has(operation.id)) this.runDataWork(operation);
      if (now < Date.parse(operation.dueAt) || operation.outcome === "hang") continue;
      if (operation.outcome === "fail") {
        this.fail(operation, "InternalServerError", `An unexpected error occured while processing the request. Tracking ID: '${randomUUID()}'`);
        changed = true;
      } else if (operation.dataDone) {
        this.succeed(operation);
        changed = true;
      }
    }
    // Dropped servers whose backups Azure no longer keeps: their history can go.
    const expired = this.state.data.dropped.filter((d) => !isStillRevivable({ deletedAt: new Date(d.deletedAt), now: new Date() }));
    for (const d of expired) {
      this.state.data.dropped = this.state.data.dropped.filter((x) => x !== d);
      await this.options.data.forgetHistory(d.server.key).catch(() => undefined);
      changed = true;
    }
    if (changed) await this.state.save();
  }

  /** Resolves when an operation's data work (e.g. making a deleted server's database unreachable) is done. */
  async dataSettled(operationId: string): Promise<void> {
    await this.running.get(operationId);
  }

  /** Waits for data work in flight (for a clean stop). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  private beginUpdate(server: ServerRecord, body: Record<string, unknown>, properties: Record<string, unknown>, caller: string): OperationRecord {
    if (isStringRecord(body.tags)) server.tags = body.tags;
    if (isObject(body.sku) && typeof body.sku.name === "string" && typeof body.sku.tier === "string") server.sku = { name: body.sku.name, tier: body.sku.tier };
    if (isObject(properties.storage) && typeof properties.storage.storageSizeGB === "number") server.storageSizeGB = properties.storage.storageSizeGB;
    return this.startOperation("update", server, this.options.timings.updateSeconds, caller);
  }

  private inherit(
    base: Omit<ServerRecord, "createMode" | "version" | "sku" | "storageSizeGB" | "administratorLogin" | "network">,
    source: ServerRecord,
    properties: Record<string, unknown>,
    createMode: "PointInTimeRestore" | "ReviveDropped",
    sourceId: string,
    point: Date,
  ): ServerRecord {
    return {
      ...base,
      createMode,
      version: source.version,
      sku: { ...source.sku },
      storageSizeGB: source.storageSizeGB,
      administratorLogin: source.administratorLogin,
      network: isObject(properties.network) ? properties.network : { ...source.network },
      tags: Object.keys(base.tags).length ? base.tags : { ...source.tags },
      sourceServerResourceId: sourceId,
      pointInTimeUTC: point.toISOString(),
    };
  }

  private startOperation(
    kind: OperationKind,
    server: ServerRecord,
    duration: [number, number],
    caller: string,
    source?: { serverKey: string; point: string },
    requestedAt = new Date(),
  ): OperationRecord {
    const outcome = this.options.faults.takeAsyncOutcome("arm");
    const now = new Date();
    const operation: OperationRecord = {
      id: randomUUID(),
      kind,
      subscriptionId: server.subscriptionId,
      resourceGroup: server.resourceGroup,
      serverName: server.name,
      serverKey: server.key,
      location: server.location,
      status: "InProgress",
      startTime: now.toISOString(),
      dueAt: new Date(now.getTime() + drawSeconds(duration) * 1000).toISOString(),
      outcome,
      // A failing or hanging operation never gets as far as touching data.
      dataDone: outcome !== "normal" || kind === "update",
      source,
      caller,
    };
    if (kind === "delete") {
      server.state = "Dropping";
      this.recordActivity(operation, "Started", requestedAt);
    } else if (kind === "update") {
      server.state = "Updating";
    } else {
      this.state.data.servers.push(server);
      this.recordActivity(operation, "Started", requestedAt);
    }
    this.state.data.operations.push(operation);
    this.pruneOperations();
    void this.state.save();
    if (!operation.dataDone) this.runDataWork(operation);
    this.options.log?.(`${kind} ${server.name}: operation ${operation.id} (${outcome})`);
    return operation;
  }

  private runDataWork(operation: OperationRecord): void {
    const work = (async () => {
      const server = this.state.data.servers.find((s) => s.key === operation.serverKey);
      if (!server) return;
      const data = this.options.data;
      if (operation.kind === "create") {
        server.database = await data.createEmptyServer({ serverKey: server.key, serverName: server.name });
      } else if (operation.kind === "pointInTimeRestore" || operation.kind === "revive") {
        const restored = await data.restoreServer({ serverKey: server.key, serverName: server.name, sourceKey: operation.source!.serverKey, point: new Date(operation.source!.point) });
        server.database = restored.database;
      } else if (operation.kind === "delete" && server.database) {
        await data.removeServer(server.key, server.database);
      }
      operation.dataDone = true;
      operation.dataFinishedAt = new Date().toISOString();
      await this.state.save();
    })()
      .catch((error: unknown) => {
        this.options.log?.(`operation ${operation.id} (${operation.kind} ${operation.serverName}) failed: ${error instanceof Error ? error.stack : String(error)}`);
        this.fail(operation, "InternalServerError", `An unexpected error occured while processing the request. Tracking ID: '${operation.id}'`);
        return this.state.save();
      })
      .finally(() => this.running.delete(operation.id));
    this.running.set(operation.id, work);
  }

  private succeed(operation: OperationRecord): void {
    operation.status = "Succeeded";
    operation.endTime = new Date().toISOString();
    const server = this.state.data.servers.find((s) => s.key === operation.serverKey);
    if (operation.kind === "delete") {
      if (server) {
        this.state.data.servers = this.state.data.servers.filter((s) => s !== server);
        const startedAt = this.state.data.activityLog.find((e) => e.operationId === operation.id && e.status === "Started")?.eventTimestamp ?? operation.startTime;
        this.state.data.dropped.push({ server: { ...server, state: "Ready" }, deletedAt: startedAt, dataFinalAt: operation.dataFinishedAt ?? new Date().toISOString() });
      }
    } else if (server) {
      server.state = "Ready";
    }
    this.recordActivity(operation, "Succeeded");
    this.options.log?.(`${operation.kind} ${operation.serverName}: Succeeded`);
  }

  private fail(operation: OperationRecord, code: string, message: string): void {
    if (operation.status !== "InProgress") return;
    operation.status = "Failed";
    operation.endTime = new Date().toISOString();
    operation.error = { code, message };
    const server = this.state.data.servers.find((s) => s.key === operation.serverKey);
    if (server) {
      if (operation.kind === "delete" || operation.kind === "update") {
        server.state = "Ready";
      } else {
        // A server whose creation failed does not exist afterwards.
        this.state.data.servers = this.state.data.servers.filter((s) => s !== server);
        if (server.database) void this.options.data.removeServer(server.key, server.database).then(() => this.options.data.forgetHistory(server.key)).catch(() => undefined);
      }
    }
    this.recordActivity(operation, "Failed");
    this.options.log?.(`${operation.kind} ${operation.serverName}: Failed (${code})`);
  }

  private recordActivity(operation: OperationRecord, status: "Started" | "Succeeded" | "Failed", at = new Date()): void {
    const isDelete = operation.kind === "delete";
    const correlation = this.state.data.activityLog.find((e) => e.operationId === operation.id)?.correlationId ?? randomUUID();
    this.state.data.activityLog.push({
      eventDataId: randomUUID(),
      correlationId: correlation,
      operationId: operation.id,
      subscriptionId: operation.subscriptionId,
      resourceGroup: operation.resourceGroup,
      resourceId: serverResourceId({ subscriptionId: operation.subscriptionId, resourceGroup: operation.resourceGroup, name: operation.serverName }),
      operationName: isDelete ? "Microsoft.DBforPostgreSQL/flexibleServers/delete" : "Microsoft.DBforPostgreSQL/flexibleServers/write",
      operationLocalizedName: isDelete ? "Delete PostgreSQL Server" : "Create/Update PostgreSQL Server",
      status,
      eventName: status === "Started" ? "BeginRequest" : "EndRequest",
      eventTimestamp: at.toISOString(),
      // The activity log makes an event queryable a little after it happened.
      submissionTimestamp: new Date(at.getTime() + 2_000).toISOString(),
      caller: operation.caller,
    });
  }

  private pruneOperations(): void {
    const cutoff = Date.now() - 24 * 3_600_000;
    this.state.data.operations = this.state.data.operations.filter((o) => o.status === "InProgress" || Date.parse(o.endTime ?? o.startTime) > cutoff);
  }

  private catalogueEnvironment(subscriptionId: string, resourceGroup: string, name: string): ServerRecord["environment"] {
    const match = this.options.catalogueServers.find(
      (c) => c.name === name && c.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() && c.resourceGroup.toLowerCase() === resourceGroup.toLowerCase(),
    );
    return match ? { service: match.service, key: match.environment, production: match.production } : undefined;
  }
}

function sameScope(server: ServerRecord, subscriptionId: string, resourceGroup: string): boolean {
  return server.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() && server.resourceGroup.toLowerCase() === resourceGroup.toLowerCase();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isObject(value) && Object.values(value).every((v) => typeof v === "string");
}

