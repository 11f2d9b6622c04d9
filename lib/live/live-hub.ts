import pg from "pg";
import type { Logger } from "pino";
import { LIVE_CHANNEL, type LiveEvent } from "./live-event";
import { parseLiveNotification } from "./parse-live-notification";

export type LiveListener = (events: LiveEvent[]) => void;

export interface LiveSubscription {
  /** Every event with a larger id than this reaches the listener; everything up to it is in the database already. */
  cursor: bigint;
  unsubscribe(): void;
}

export interface LiveHubOptions {
  connectionString: string;
  /** Audit rows after an id, in id order (lib/live/read-audit-after.ts). */
  readAfter(options: { afterId: bigint; limit: number }): Promise<LiveEvent[]>;
  /** The newest audit id (0 when there is none). */
  readMaxId(): Promise<bigint>;
  logger: Pick<Logger, "info" | "warn" | "error">;
  /** While someone listens, read the table this often anyway: a backstop if a notification is ever lost. */
  backstopMs?: number;
  /** Longest wait between attempts to re-establish the LISTEN connection. */
  maxReconnectDelayMs?: number;
}

const BATCH = 500;

/**
 * The process's one LISTEN connection, fanned out to every open live stream (SSE) of this console process.
 *
 * A notification on `dr_events` carries the new audit row (when it fits): the row right after the last one the hub
 * delivered is handed to every subscriber as it is. Otherwise the notification is a wake-up: the hub reads every
 * audit row after the last one it delivered and hands them, in id order, to every subscriber. So a notification
 * lost while the connection was down costs nothing: the read after reconnecting (or the periodic backstop) finds
 * the rows. Rows become visible in id order, because ids are taken under the audit chain's lock, held until commit
 * (lib/audit).
 *
 * Subscribing captures the cursor and registers the listener in one synchronous step, and deliveries update the
 * cursor and call listeners in one synchronous step: a subscriber gets exactly the rows after its cursor.
 */
export class LiveHub {
  private client: pg.Client | null = null;
  private cursor = 0n;
  private readonly listeners = new Set<LiveListener>();
  private starting: Promise<void> | null = null;
  private pumping = false;
  private pumpAgain = false;
  private stopped = false;
  /** The cursor is set: until then a notification must not make the hub read the table from its start. */
  private ready = false;
  private reconnectDelay = 250;
  private warnedMalformed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private backstopTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: LiveHubOptions) {}

  /** Registers a listener; connects on first use. */
  async subscribe(listener: LiveListener): Promise<LiveSubscription> {
    await this.start();
    this.listeners.add(listener);
    return {
      cursor: this.cursor,
      unsubscribe: () => {
        this.listeners.delete(listener);
      },
    };
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  get connected(): boolean {
    return this.client !== null;
  }

  /** The backend pid of the LISTEN connection (tests cut it to prove recovery). */
  async listenerPid(): Promise<number | null> {
    if (!this.client) return null;
    const result = await this.client.query<{ pid: number }>("select pg_backend_pid() as pid");
    return result.rows[0]?.pid ?? null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.backstopTimer) clearInterval(this.backstopTimer);
    this.listeners.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private start(): Promise<void> {
    this.starting ??= (async () => {
      await this.connect();
      // After LISTEN is active: any row committed later is notified, and any row up to here is in the table.
      this.cursor = await this.options.readMaxId();
      this.ready = true;
      // A row committed while the cursor was read may have been notified before `ready`: look once more.
      void this.pump();
      const every = this.options.backstopMs ?? 10_000;
      this.backstopTimer = setInterval(() => {
        if (this.listeners.size > 0) void this.pump();
      }, every);
      this.backstopTimer.unref();
    })().catch((error: unknown) => {
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.connectionString, application_name: "dr-console-live", keepAlive: true });
    client.on("notification", (message) => {
      if (message.channel === LIVE_CHANNEL) this.notified(message.payload);
    });
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = null;
      this.options.logger.warn({ reason }, "live updates: LISTEN connection lost; reconnecting");
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on("error", (error) => lost(error.message));
    client.on("end", () => lost("connection ended"));
    await client.connect();
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
    this.client = client;
    this.reconnectDelay = 250;
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(delay * 2, this.options.maxReconnectDelayMs ?? 5000);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect()
        .then(() => {
          this.options.logger.info("live updates: LISTEN connection re-established");
          // Whatever was committed while we were not listening.
          void this.pump();
        })
        .catch((error: unknown) => {
          this.options.logger.warn({ err: error }, "live updates: reconnecting failed; trying again");
          this.scheduleReconnect();
        });
    }, delay);
    this.reconnectTimer.unref();
  }

  /**
   * A notification carrying the row right after the cursor is delivered as it is: notifications arrive in commit
   * order, which is id order (ids are taken under the audit chain's lock, held to commit), so nothing can be missing
   * before it. Anything else (ids only, a row over the notification's size limit; a gap, as a rolled-back append
   * leaves; a malformed payload) makes the hub read the table after its cursor, as every notification used to.
   */
  private notified(payload: string | undefined): void {
    if (!this.ready || this.stopped) return;
    const notice = parseLiveNotification(payload);
    if (!notice && !this.warnedMalformed) {
      // The trigger and this code disagree (a migration not applied?): still correct, by reading; said once.
      this.warnedMalformed = true;
      this.options.logger.warn({ payload: payload?.slice(0, 200) }, "live updates: a notification not understood; reading the table instead");
    }
    if (notice && notice.id <= this.cursor) return;
    if (notice?.event && notice.id === this.cursor + 1n) {
      this.deliver([notice.event]);
      return;
    }
    void this.pump();
  }

  /** Reads and delivers every row after the cursor; one read at a time, repeated if woken meanwhile. */
  private async pump(): Promise<void> {
    if (!this.ready || this.stopped) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        for (;;) {
          const events = await this.options.readAfter({ afterId: this.cursor, limit: BATCH });
          if (events.length === 0) break;
          this.deliver(events);
          if (events.length < BATCH) break;
        }
      } while (this.pumpAgain && !this.stopped);
    } catch (error) {
      // The next notification or the backstop tries again from the same cursor: nothing is skipped.
      this.options.logger.error({ err: error }, "live updates: reading new audit rows failed");
    } finally {
      this.pumping = false;
    }
  }

  private deliver(events: LiveEvent[]): void {
    const fresh = events.filter((e) => BigInt(e.id) > this.cursor);
    if (fresh.length === 0) return;
    this.cursor = BigInt(fresh[fresh.length - 1]!.id);
    for (const listener of this.listeners) {
      try {
        listener(fresh);
      } catch (error) {
        this.options.logger.error({ err: error }, "live updates: a subscriber failed");
      }
    }
  }
}
