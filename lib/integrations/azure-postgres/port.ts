/**
 * Azure Database for PostgreSQL flexible server, in our own types. The real adapter (issue 5) uses
 * @azure/arm-postgresql-flexible; no SDK type crosses this interface.
 *
 * Contract for every `begin*` method (the engine relies on it for exactly-once):
 * - it receives the operation's `idempotencyKey`; before sending, it looks for what an earlier send with the same
 *   key would have created (for ARM: the target server by name, with the key in its tags) and, if found, returns
 *   that operation instead of sending again (`adopted: true`);
 * - it returns serialisable poller state (`pollerState`, JSON) that `pollOperation` can resume from in another
 *   process after a restart.
 */

export interface ServerRef {
  subscriptionId: string;
  resourceGroup: string;
  server: string;
}

export interface FlexibleServer {
  name: string;
  resourceId: string;
  /** Azure's state: Ready, Starting, Stopped, Updating, Provisioning, Restoring, Dropping, Disabled, ... */
  state: string;
  location: string;
  version?: string;
  /** ISO 8601 UTC, when Azure reports it. */
  earliestRestoreDate?: string;
  /** For a restored copy: where and when it was restored from. */
  restoredFrom?: { sourceServerResourceId: string; pointInTimeUtc: string; createMode: string };
  tags: Record<string, string>;
}

export interface LongOperation {
  /** An id a person can look up (the ARM async-operation URL). */
  externalId: string;
  externalUrl?: string;
  /** Serialised poller state (JSON-safe), stored by the engine and given back to pollOperation. */
  pollerState: unknown;
  /** True when an operation sent earlier with the same idempotency key was found and returned. */
  adopted: boolean;
}

export type LongOperationStatus =
  | { status: "running"; pollerState: unknown; detail?: string }
  | { status: "succeeded"; pollerState: unknown }
  | { status: "failed"; pollerState: unknown; error: string };

export interface AzurePostgresPort {
  /** null when the server does not exist. */
  getServer(options: ServerRef): Promise<FlexibleServer | null>;
  /** ARM create with createMode ReviveDropped (network settings from the catalogue, chosen by the adapter). */
  beginReviveDropped(options: {
    target: ServerRef;
    sourceServerResourceId: string;
    pointInTimeUtc: string;
    location: string;
    idempotencyKey: string;
  }): Promise<LongOperation>;
  /** ARM create with createMode PointInTimeRestore into a new server. Refuses (IntegrationError) a name in use. */
  beginPointInTimeRestore(options: {
    source: ServerRef;
    targetServer: string;
    pointInTimeUtc: string;
    idempotencyKey: string;
  }): Promise<LongOperation>;
  beginDeleteServer(options: ServerRef & { idempotencyKey: string }): Promise<LongOperation>;
  pollOperation(options: { pollerState: unknown }): Promise<LongOperationStatus>;
}
