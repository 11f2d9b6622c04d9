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
  /** For a restored copy: where and when it was restored from (when Azure reports it). */
  restoredFrom?: { sourceServerResourceId: string; pointInTimeUtc: string; createMode: string };
  /** When Azure created this server (systemData.createdAt), ISO 8601 UTC: tells a copy made during an incident. */
  createdAt?: string;
  /** `<name>.postgres.database.azure.com`. */
  fullyQualifiedDomainName?: string;
  tags: Record<string, string>;
}

/** The private network a teacher-services server lives in (the catalogue's postgres.network). */
export interface PostgresNetwork {
  delegatedSubnetResourceId: string;
  privateDnsZoneArmResourceId: string;
}

/**
 * What makes a server deletable by the console: only a copy made during this incident, never a protected server.
 * The adapter reads the server and refuses (IntegrationError, nothing sent) unless both hold.
 */
export interface DeleteCopyGuard {
  /** The server must have been created at or after this time (ISO 8601 UTC), e.g. when the incident was detected. */
  createdAtOrAfter: string;
  /** Names never deleted here whatever else holds (the environment's live server). */
  protectedServers: string[];
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
  /**
   * ARM create with createMode ReviveDropped and the catalogue's network settings. Refuses (IntegrationError, nothing
   * sent) while a server of that name exists: only a deleted server can be revived.
   */
  beginReviveDropped(options: {
    target: ServerRef;
    sourceServerResourceId: string;
    pointInTimeUtc: string;
    location: string;
    network: PostgresNetwork;
    idempotencyKey: string;
  }): Promise<LongOperation>;
  /**
   * ARM create with createMode PointInTimeRestore into a new server. Refuses (IntegrationError, nothing sent) a name in
   * use, and a point outside the source's window (its earliest restore date to 5 minutes ago).
   */
  beginPointInTimeRestore(options: {
    source: ServerRef;
    targetServer: string;
    pointInTimeUtc: string;
    network?: PostgresNetwork;
    idempotencyKey: string;
  }): Promise<LongOperation>;
  /** Tidy-up only: refuses anything but a copy the guard allows (see DeleteCopyGuard). */
  beginDeleteServer(options: ServerRef & { idempotencyKey: string; guard: DeleteCopyGuard }): Promise<LongOperation>;
  /**
   * One poll of a long operation from its stored state (any process, after a restart). "succeeded" only once the
   * server's own state agrees (Ready after a create, gone after a delete).
   */
  pollOperation(options: { pollerState: unknown }): Promise<LongOperationStatus>;
}
