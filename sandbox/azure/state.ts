import { existsSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";

/**
 * What the emulated Azure knows: flexible servers (live and dropped), long-running operations, diagnostic
 * settings and activity-log events. Plain JSON, saved to `<stateDir>/azure-state.json` after every change so a
 * restarted sandbox carries on (operations in flight resume from their recorded due times).
 */

export type ServerState = "Provisioning" | "Ready" | "Updating" | "Dropping";
export type CreateMode = "Seeded" | "Create" | "PointInTimeRestore" | "ReviveDropped";

export interface ServerRecord {
  /** One incarnation of a server: the key of its data's history. */
  key: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  state: ServerState;
  createMode: CreateMode;
  createdAt: string;
  createdBy: string;
  /** Where this server's restorable history starts (its creation, or further back for seeded servers). */
  historyStartsAt: string;
  /** The physical database (on the sandbox's PostgreSQL) holding this server's application database. */
  database?: string;
  /** Catalogue environment this server belongs to, when it is one of the catalogue's. */
  environment?: { service: string; key: string; production: boolean };
  version: string;
  sku: { name: string; tier: string };
  storageSizeGB: number;
  administratorLogin: string;
  tags: Record<string, string>;
  network: Record<string, unknown>;
  sourceServerResourceId?: string;
  pointInTimeUTC?: string;
}

export interface DroppedServerRecord {
  server: ServerRecord;
  /** When the deletion was asked for (the activity log's time of the delete). */
  deletedAt: string;
  /** When its data stopped changing: the data a revive brings back is the data as of this moment. */
  dataFinalAt: string;
}

export type OperationKind = "create" | "pointInTimeRestore" | "revive" | "delete" | "update";

export interface OperationRecord {
  id: string;
  kind: OperationKind;
  subscriptionId: string;
  resourceGroup: string;
  serverName: string;
  serverKey: string;
  location: string;
  status: "InProgress" | "Succeeded" | "Failed";
  startTime: string;
  endTime?: string;
  /** Not before this time does the operation end (its nominal duration). */
  dueAt: string;
  outcome: "normal" | "fail" | "hang";
  /** The data work (restore, removal) has finished. */
  dataDone: boolean;
  dataFinishedAt?: string;
  error?: { code: string; message: string };
  /** For restores: the source incarnation and the point. */
  source?: { serverKey: string; point: string };
  /** Who asked (activity log caller). */
  caller: string;
}

export interface DiagnosticSettingRecord {
  /** The resource id the setting is attached to (case kept as created). */
  resourceId: string;
  name: string;
  properties: Record<string, unknown>;
}

export interface ActivityEventRecord {
  eventDataId: string;
  correlationId: string;
  operationId: string;
  subscriptionId: string;
  resourceGroup: string;
  resourceId: string;
  operationName: string;
  operationLocalizedName: string;
  status: "Started" | "Accepted" | "Succeeded" | "Failed";
  eventName: "BeginRequest" | "EndRequest";
  eventTimestamp: string;
  submissionTimestamp: string;
  caller: string;
}

export interface AzureStateData {
  version: 1;
  servers: ServerRecord[];
  dropped: DroppedServerRecord[];
  operations: OperationRecord[];
  diagnosticSettings: DiagnosticSettingRecord[];
  activityLog: ActivityEventRecord[];
}

export function emptyState(): AzureStateData {
  return { version: 1, servers: [], dropped: [], operations: [], diagnosticSettings: [], activityLog: [] };
}

export class AzureState {
  private saving: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    public data: AzureStateData = emptyState(),
  ) {}

  static async load(file: string): Promise<AzureState | undefined> {
    if (!existsSync(file)) return undefined;
    const data = JSON.parse(await readFile(file, "utf8")) as AzureStateData;
    return data.version === 1 ? new AzureState(file, data) : undefined;
  }

  /** Writes the state (serialised: each save sees the latest data, and files are replaced atomically). */
  save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const text = JSON.stringify(this.data, null, 2);
      await writeFile(`${this.file}.tmp`, text);
      await rename(`${this.file}.tmp`, this.file);
    });
    return this.saving;
  }

  /** Server names are global in Azure (they are DNS names), so a name identifies one live server. */
  server(name: string): ServerRecord | undefined {
    return this.data.servers.find((s) => s.name === name.toLowerCase());
  }

  serverById(resourceId: string): ServerRecord | undefined {
    const id = resourceId.toLowerCase();
    return this.data.servers.find((s) => serverResourceId(s).toLowerCase() === id);
  }

  /** The most recently deleted incarnation with this resource id. */
  droppedById(resourceId: string): DroppedServerRecord | undefined {
    const id = resourceId.toLowerCase();
    return this.data.dropped
      .filter((d) => serverResourceId(d.server).toLowerCase() === id)
      .sort((a, b) => b.deletedAt.localeCompare(a.deletedAt))[0];
  }

  operation(id: string): OperationRecord | undefined {
    return this.data.operations.find((o) => o.id === id);
  }
}

export function serverResourceId(server: Pick<ServerRecord, "subscriptionId" | "resourceGroup" | "name">): string {
  return `/subscriptions/${server.subscriptionId}/resourceGroups/${server.resourceGroup}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${server.name}`;
}
