import { PostgreSQLManagementFlexibleServerClient, type Server } from "@azure/arm-postgresql-flexible";
import type { TokenCredential } from "@azure/core-auth";
import { isRestError, type RestError } from "@azure/core-rest-pipeline";
import { IntegrationError } from "../../errors";
import { describeInstant } from "../../time/describe-instant";
import { armClientOptions, type ArmConnection } from "../azure/arm-client-options";
import { azureIntegrationError, isAzureNotFound } from "../azure/azure-integration-error";
import type { CallPolicy } from "../shared/call-policy";
import { armPollerStateSchema, type ArmPollerState } from "./poller-state";
import type { AzurePostgresPort, FlexibleServer, LongOperation, LongOperationStatus, ServerRef } from "./port";
import { reshapeServer } from "./reshape-server";
import { serverResourceIdOf } from "./server-resource-id";

/** The tag that carries the engine's idempotency key on every server the console creates (look-up before a re-send). */
export const IDEMPOTENCY_TAG = "dr-console-operation";
/** Azure's point-in-time restore: no later than 5 minutes ago. */
const PTR_LATEST_OFFSET_MS = 5 * 60_000;
const SYSTEM = "azure-postgres";

export interface ArmPostgresAdapterOptions {
  credential: TokenCredential;
  connection: ArmConnection;
  policy: CallPolicy;
}

/**
 * Azure Database for PostgreSQL flexible servers through @azure/arm-postgresql-flexible. Every create carries the
 * idempotency key in a tag, and every begin* first reads the target: an earlier send with the same key is adopted,
 * a name in use or a server that still exists is refused before anything is sent. Long operations are stored as
 * the SDK's serialised poller state and resumed one poll at a time; "done" is confirmed by the server's state.
 */
export function createArmPostgresAdapter(options: ArmPostgresAdapterOptions): AzurePostgresPort {
  const clients = new Map<string, PostgreSQLManagementFlexibleServerClient>();
  const client = (subscriptionId: string) => {
    let found = clients.get(subscriptionId);
    if (!found) {
      found = new PostgreSQLManagementFlexibleServerClient(options.credential, subscriptionId, armClientOptions({ connection: options.connection, policy: options.policy }));
      clients.set(subscriptionId, found);
    }
    return found;
  };

  async function getServer(ref: ServerRef): Promise<FlexibleServer | null> {
    try {
      return reshapeServer(await client(ref.subscriptionId).servers.get(ref.resourceGroup, ref.server));
    } catch (error) {
      // A missing resource group or subscription is a configuration error, not an absent server.
      if (isAzureNotFound(error) && !/^(ResourceGroupNotFound|SubscriptionNotFound)$/.test((error as RestError).code ?? "")) return null;
      throw azureIntegrationError({ system: SYSTEM, doing: `read the server ${ref.server}`, error });
    }
  }

  /** An operation found by its idempotency tag: followed by the server's state. */
  const adopted = (server: FlexibleServer, target: ServerRef, expect: "ready" | "absent"): LongOperation => ({
    externalId: server.resourceId || serverResourceIdOf(target),
    pollerState: { kind: "server-state", target, expect } satisfies ArmPollerState,
    adopted: true,
  });

  async function beginCreate(args: { target: ServerRef; parameters: Server; idempotencyKey: string; doing: string }): Promise<LongOperation> {
    const { target } = args;
    try {
      const poller = await client(target.subscriptionId).servers.beginCreateOrUpdate(target.resourceGroup, target.server, {
        ...args.parameters,
        tags: { ...(args.parameters.tags ?? {}), [IDEMPOTENCY_TAG]: args.idempotencyKey },
      });
      return started(poller.toString(), target, "create", "ready");
    } catch (error) {
      if (isLroFailure(error)) throw new IntegrationError(SYSTEM, `Azure accepted the request to ${args.doing} but the operation failed at once: ${(error as Error).message}`);
      throw azureIntegrationError({ system: SYSTEM, doing: args.doing, error });
    }
  }

  async function beginReviveDropped(args: Parameters<AzurePostgresPort["beginReviveDropped"]>[0]): Promise<LongOperation> {
    const existing = await getServer(args.target);
    if (existing?.tags[IDEMPOTENCY_TAG] === args.idempotencyKey) return adopted(existing, args.target, "ready");
    if (existing) {
      throw new IntegrationError(
        SYSTEM,
        `Not sent: the server ${existing.name} still exists (state ${existing.state}). Only a deleted server can be revived; if the server is there, this is not Scenario 1, or wait until its deletion has finished.`,
        { status: 409 },
      );
    }
    return beginCreate({
      target: args.target,
      idempotencyKey: args.idempotencyKey,
      doing: `revive the deleted server ${args.target.server}`,
      parameters: {
        location: args.location,
        createMode: "ReviveDropped",
        sourceServerResourceId: args.sourceServerResourceId,
        pointInTimeUTC: new Date(args.pointInTimeUtc),
        network: args.network,
      },
    });
  }

  async function beginPointInTimeRestore(args: Parameters<AzurePostgresPort["beginPointInTimeRestore"]>[0]): Promise<LongOperation> {
    const target: ServerRef = { ...args.source, server: args.targetServer };
    const existing = await getServer(target);
    if (existing?.tags[IDEMPOTENCY_TAG] === args.idempotencyKey) return adopted(existing, target, "ready");
    if (existing) {
      throw new IntegrationError(SYSTEM, `Not sent: the name ${existing.name} is already used by a server (state ${existing.state}). A point-in-time restore always makes a new server: choose another name.`, { status: 409 });
    }
    const source = await getServer(args.source);
    if (!source) throw new IntegrationError(SYSTEM, `Not sent: the source server ${args.source.server} does not exist.`, { status: 404 });
    checkRestoreWindow({ source, point: new Date(args.pointInTimeUtc), now: new Date() });
    return beginCreate({
      target,
      idempotencyKey: args.idempotencyKey,
      doing: `restore ${source.name} to a point in time into ${args.targetServer}`,
      parameters: {
        location: source.location,
        createMode: "PointInTimeRestore",
        sourceServerResourceId: source.resourceId,
        pointInTimeUTC: new Date(args.pointInTimeUtc),
        ...(args.network ? { network: args.network } : {}),
      },
    });
  }

  async function beginDeleteServer(args: Parameters<AzurePostgresPort["beginDeleteServer"]>[0]): Promise<LongOperation> {
    const ref: ServerRef = { subscriptionId: args.subscriptionId, resourceGroup: args.resourceGroup, server: args.server };
    if (args.guard.protectedServers.includes(ref.server)) {
      throw new IntegrationError(SYSTEM, `Refused: ${ref.server} is a live server. The console only deletes a copy made during this incident.`, { status: 403 });
    }
    const existing = await getServer(ref);
    // Gone already (deleted by an earlier send with this key, or by hand), or on its way: nothing more to send.
    if (!existing || existing.state === "Dropping") return adopted(existing ?? ({ resourceId: serverResourceIdOf(ref) } as FlexibleServer), ref, "absent");
    const createdAt = existing.createdAt ? Date.parse(existing.createdAt) : Number.NaN;
    if (Number.isNaN(createdAt) || createdAt < Date.parse(args.guard.createdAtOrAfter)) {
      const when = existing.createdAt ? `was created ${describeInstant({ instant: existing.createdAt }).text}` : "has no creation time";
      throw new IntegrationError(
        SYSTEM,
        `Refused: ${existing.name} ${when}, before this incident (${describeInstant({ instant: args.guard.createdAtOrAfter }).text}): it is not a copy made by this incident, so the console will not delete it.`,
        { status: 403 },
      );
    }
    try {
      const poller = await client(ref.subscriptionId).servers.beginDelete(ref.resourceGroup, ref.server);
      return started(poller.toString(), ref, "delete", "absent");
    } catch (error) {
      if (isLroFailure(error)) throw new IntegrationError(SYSTEM, `Azure accepted the deletion of ${ref.server} but it failed at once: ${(error as Error).message}`);
      throw azureIntegrationError({ system: SYSTEM, doing: `delete the server ${ref.server}`, error });
    }
  }

  /** Azure's word on a finished operation is checked against the server itself. */
  async function checkServerState(state: ArmPollerState): Promise<LongOperationStatus> {
    const server = await getServer(state.target);
    const name = state.target.server;
    if (state.expect === "absent") {
      return server ? { status: "running", pollerState: state, detail: `${name} is ${server.state}.` } : { status: "succeeded", pollerState: state };
    }
    if (server?.state === "Ready") return { status: "succeeded", pollerState: state };
    if (server) return { status: "running", pollerState: state, detail: `${name} is ${server.state}.` };
    if (state.kind === "arm-lro" && !state.lroSucceeded) return { status: "running", pollerState: state, detail: `${name} is not visible yet.` };
    return { status: "failed", pollerState: state, error: `${name} does not exist: Azure's operation ended without creating it. Check the activity log of ${state.target.resourceGroup}.` };
  }

  async function pollOperation(args: { pollerState: unknown }): Promise<LongOperationStatus> {
    const parsed = armPollerStateSchema.safeParse(args.pollerState);
    if (!parsed.success) return { status: "failed", pollerState: args.pollerState, error: "The stored state of this Azure operation cannot be read; check the server in the portal and confirm the step by hand." };
    const state = parsed.data;
    if (state.kind === "server-state" || state.lroSucceeded) return checkServerState(state);
    const { target } = state;
    const servers = client(target.subscriptionId).servers;
    let poller;
    try {
      // With resumeFrom nothing is sent again: the SDK restores its state and polls the async-operation URL once.
      poller = state.operation === "create"
        ? await servers.beginCreateOrUpdate(target.resourceGroup, target.server, { location: "" }, { resumeFrom: state.sdkState })
        : await servers.beginDelete(target.resourceGroup, target.server, { resumeFrom: state.sdkState });
    } catch (error) {
      if (isLroFailure(error)) return { status: "failed", pollerState: state, error: `Azure reports the ${state.operation} of ${target.server} failed: ${(error as Error).message}` };
      throw azureIntegrationError({ system: SYSTEM, doing: `check the ${state.operation} of ${target.server}`, error });
    }
    const next: ArmPollerState = { ...state, sdkState: poller.toString() };
    const status = poller.getOperationState().status;
    if (status === "succeeded") return checkServerState({ ...next, lroSucceeded: true });
    if (status === "failed" || status === "canceled") return { status: "failed", pollerState: next, error: `Azure reports the ${state.operation} of ${target.server} ${status}.` };
    return { status: "running", pollerState: next, detail: `Azure is still working on the ${state.operation} of ${target.server}.` };
  }

  return { getServer, beginReviveDropped, beginPointInTimeRestore, beginDeleteServer, pollOperation };
}

function started(sdkState: string, target: ServerRef, operation: "create" | "delete", expect: "ready" | "absent"): LongOperation {
  const location = operationLocationOf(sdkState);
  return {
    externalId: location ?? serverResourceIdOf(target),
    ...(location ? { externalUrl: location } : {}),
    pollerState: { kind: "arm-lro", operation, target, sdkState, expect } satisfies ArmPollerState,
    adopted: false,
  };
}

/** The Azure-AsyncOperation URL inside the SDK's serialised state, for people to look up (read only). */
function operationLocationOf(sdkState: string): string | undefined {
  try {
    const parsed = JSON.parse(sdkState) as { state?: { config?: { operationLocation?: unknown } } };
    const location = parsed.state?.config?.operationLocation;
    return typeof location === "string" ? location : undefined;
  } catch {
    return undefined;
  }
}

/** core-lro's error for an operation Azure ended as Failed or Canceled (not a transport error). */
function isLroFailure(error: unknown): boolean {
  return error instanceof Error && !isRestError(error) && /^(The long-running operation has failed|Operation was canceled)/.test(error.message);
}

function checkRestoreWindow(args: { source: FlexibleServer; point: Date; now: Date }): void {
  const latest = new Date(args.now.getTime() - PTR_LATEST_OFFSET_MS);
  const earliest = args.source.earliestRestoreDate ? new Date(args.source.earliestRestoreDate) : undefined;
  if (Number.isNaN(args.point.getTime())) throw new IntegrationError(SYSTEM, "Not sent: the restore point is not a valid time.", { status: 400 });
  if ((earliest && args.point < earliest) || args.point > latest) {
    const from = earliest ? describeInstant({ instant: earliest }).text : "the start of its retention";
    throw new IntegrationError(
      SYSTEM,
      `Not sent: the restore point ${describeInstant({ instant: args.point }).text} is outside the restore window of ${args.source.name}: from ${from} to ${describeInstant({ instant: latest }).text} (5 minutes ago).`,
      { status: 400 },
    );
  }
}
