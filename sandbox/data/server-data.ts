import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { APPLICATION_DDL, HISTORY_MACHINERY_DDL, SEEDED_TABLES, historyTriggersDdl } from "./aytq-schema";
import { HistoryStore, type ChangeEntry } from "./history-store";
import { LiveDatabase } from "./live-database";
import { droppedDatabaseName, historyDatabaseName, instanceId, instancePrefix, serverDatabaseName, templateDatabaseName } from "./names";
import { databaseUrl, listDatabases, quoteIdent, sleep, terminateSessions, withClient } from "./pg";
import { restoreToPoint, type RestoreResult } from "./restore-database";
import { generateSeedRows, sqlTimestamp, type SeedRow } from "./seed-data";

/**
 * The data behind the emulated flexible servers: one real PostgreSQL database per server incarnation, on the
 * server given by `adminUrl`, plus the history that point-in-time restore and revive are built from
 * (see sandbox/README.md, "Data"). The Azure part calls this; nothing here knows about ARM.
 */

export interface ServerDataOptions {
  adminUrl: string;
  stateDir: string;
  /** How often each live server gets a fresh base copy even when nothing special happened. */
  baseCopyIntervalMs: number;
  /** Backup retention of the emulated servers, in days (history older than this is pruned). */
  retentionDays: number;
  log?: (message: string) => void;
}

interface LiveEntry {
  database: LiveDatabase;
  fingerprint?: string;
  lastBaseCopyAt: number;
}

const TEMPLATE_VERSION = createHash("sha256").update(APPLICATION_DDL + HISTORY_MACHINERY_DDL + historyTriggersDdl("t")).digest("hex").slice(0, 6);

export class ServerData {
  readonly instance: string;
  private readonly live = new Map<string, LiveEntry>();
  private fingerprints: Record<string, string> = {};
  private ticking = false;
  private lastPruneAt = 0;

  private constructor(
    readonly options: ServerDataOptions,
    readonly history: HistoryStore,
    readonly templateDatabase: string,
  ) {
    this.instance = instanceId(options.stateDir);
  }

  static async open(options: ServerDataOptions): Promise<ServerData> {
    const instance = instanceId(options.stateDir);
    const template = `${templateDatabaseName(instance)}_${TEMPLATE_VERSION}`;
    await ensureTemplate(options.adminUrl, template, instance);
    const history = await HistoryStore.open({ adminUrl: options.adminUrl, database: historyDatabaseName(instance) });
    const data = new ServerData(options, history, template);
    const file = data.fingerprintFile();
    if (existsSync(file)) data.fingerprints = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
    return data;
  }

  /** Every database this sandbox owns (for a reset or an ephemeral sandbox's clean-up). */
  static async destroyAll(options: { adminUrl: string; stateDir: string }): Promise<void> {
    const prefix = instancePrefix(instanceId(options.stateDir));
    for (const name of await listDatabases(options.adminUrl, prefix)) {
      await withClient(options.adminUrl, async (client) => {
        await client.query(`alter database ${quoteIdent(name)} with is_template false`);
        await client.query(`drop database if exists ${quoteIdent(name)} with (force)`);
      });
    }
  }

  /** Back to nothing: every server database dropped, the history emptied (the template stays). */
  async resetAll(): Promise<void> {
    for (const entry of this.live.values()) await entry.database.close();
    this.live.clear();
    const prefix = instancePrefix(this.instance);
    const doomed = (await listDatabases(this.options.adminUrl, prefix)).filter((d) => /^(s|dropped|tmp)_/.test(d.slice(prefix.length)));
    await withClient(this.options.adminUrl, async (admin) => {
      for (const name of doomed) await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`);
    });
    await this.history.clear();
    this.fingerprints = {};
    await this.saveFingerprints();
  }

  async close(): Promise<void> {
    for (const entry of this.live.values()) await entry.database.close();
    this.live.clear();
    await this.history.close();
  }

  databaseUrl(database: string): string {
    return databaseUrl(this.options.adminUrl, database);
  }

  /** Starts watching a server's database (on start-up for servers that already exist). */
  attach(serverKey: string, database: string): LiveDatabase {
    const existing = this.live.get(serverKey);
    if (existing) return existing.database;
    const live = new LiveDatabase({ adminUrl: this.options.adminUrl, database, serverKey, history: this.history });
    this.live.set(serverKey, { database: live, fingerprint: this.fingerprints[serverKey], lastBaseCopyAt: Date.now() });
    return live;
  }

  liveDatabase(serverKey: string): LiveDatabase | undefined {
    return this.live.get(serverKey)?.database;
  }

  /** A new server holding the application schema and no rows (as after terraform and the app's migrations). */
  async createEmptyServer(options: { serverKey: string; serverName: string }): Promise<string> {
    const database = serverDatabaseName(this.instance, options.serverName);
    await withClient(this.options.adminUrl, (c) => c.query(`create database ${quoteIdent(database)} template ${quoteIdent(this.templateDatabase)}`));
    const live = this.attach(options.serverKey, database);
    await this.baseCopy(options.serverKey, live, "created");
    return database;
  }

  /**
   * A server with believable rows and a history reaching back `recentDays` (so the whole backup window is
   * restorable on a fresh sandbox).
   */
  async seedServer(options: { serverKey: string; serverName: string; seed: string; now: Date; recentDays: number; teachers?: number }): Promise<string> {
    const database = serverDatabaseName(this.instance, options.serverName);
    await withClient(this.options.adminUrl, (c) => c.query(`create database ${quoteIdent(database)} template ${quoteIdent(this.templateDatabase)}`));
    const rows = generateSeedRows({ seed: options.seed, now: options.now, recentDays: options.recentDays, teachers: options.teachers });
    await withClient(this.databaseUrl(database), async (client) => {
      await client.query("set sandbox.replaying = on");
      for (const table of SEEDED_TABLES) {
        const own = rows.filter((r) => r.table === table).map((r) => r.row);
        if (own.length === 0) continue;
        await client.query(`insert into public.${quoteIdent(table)} select * from jsonb_populate_recordset(null::public.${quoteIdent(table)}, $1::jsonb)`, [JSON.stringify(own)]);
        await client.query(`select setval(pg_get_serial_sequence($1, 'id'), (select max(id) from public.${quoteIdent(table)}))`, [`public.${table}`]).catch(() => undefined);
      }
    });
    await this.writeSeedHistory(options.serverKey, rows, new Date(options.now.getTime() - options.recentDays * 86_400_000));
    const live = this.attach(options.serverKey, database);
    await this.baseCopy(options.serverKey, live, "seeded");
    return database;
  }

  /** The history the seeded rows would have left: a base copy at the start, then each row's insert and update. */
  private async writeSeedHistory(serverKey: string, rows: SeedRow[], start: Date): Promise<void> {
    const insertImage = (r: SeedRow) => ({ ...r.row, updated_at: sqlTimestamp(r.createdAt) });
    const atStart = new Map<string, unknown[]>(SEEDED_TABLES.map((t) => [t, []]));
    const entries: ChangeEntry[] = [];
    for (const r of rows) {
      const updatedLater = r.updatedAt.getTime() > r.createdAt.getTime();
      if (r.createdAt < start) {
        atStart.get(r.table)!.push(updatedLater && r.updatedAt >= start ? insertImage(r) : r.row);
      } else {
        entries.push({ entryId: randomUUID(), at: r.createdAt, table: r.table, op: "INSERT", newRow: updatedLater ? insertImage(r) : r.row });
      }
      if (updatedLater && r.updatedAt >= start) {
        entries.push({ entryId: randomUUID(), at: r.updatedAt, table: r.table, op: "UPDATE", oldRow: insertImage(r), newRow: r.row });
      }
    }
    entries.sort((a, b) => a.at.getTime() - b.at.getTime());
    await this.history.recordBaseCopy({ serverKey, takenAt: start, tables: atStart, reason: "history start" });
    await this.history.appendEntries(serverKey, entries);
  }

  /** A new server's database holding the data of `sourceKey` as it was at `point`. */
  async restoreServer(options: { serverKey: string; serverName: string; sourceKey: string; point: Date }): Promise<{ database: string } & RestoreResult> {
    const source = this.live.get(options.sourceKey);
    // Changes up to the point must be in the history before it is read.
    if (source) await source.database.drain().catch(() => 0);
    const database = serverDatabaseName(this.instance, options.serverName);
    const result = await restoreToPoint({
      adminUrl: this.options.adminUrl,
      templateDatabase: this.templateDatabase,
      targetDatabase: database,
      history: this.history,
      serverKey: options.sourceKey,
      point: options.point,
    });
    const live = this.attach(options.serverKey, database);
    await this.baseCopy(options.serverKey, live, "created by restore");
    return { database, ...result };
  }

  /**
   * Makes a server's database unreachable at once (as a deleted server is): no new sessions, every open one
   * ended, the database renamed. Its last changes still reach the history (final drain and base copy), then
   * it is dropped: only the history can bring it back.
   */
  async removeServer(serverKey: string, database: string): Promise<void> {
    const entry = this.live.get(serverKey);
    this.live.delete(serverKey);
    if (entry) await entry.database.close();
    const dropped = droppedDatabaseName(this.instance);
    await withClient(this.options.adminUrl, async (admin) => {
      const exists = await admin.query("select 1 from pg_database where datname = $1", [database]);
      if (!exists.rowCount) return;
      await admin.query(`alter database ${quoteIdent(database)} with allow_connections false`);
      for (let attempt = 0; ; attempt++) {
        await terminateSessions(admin, database);
        try {
          await admin.query(`alter database ${quoteIdent(database)} rename to ${quoteIdent(dropped)}`);
          break;
        } catch (error) {
          if (attempt >= 20) throw error;
          await sleep(100);
        }
      }
      await admin.query(`alter database ${quoteIdent(dropped)} with allow_connections true`);
    });
    const last = new LiveDatabase({ adminUrl: this.options.adminUrl, database: dropped, serverKey, history: this.history });
    try {
      await last.drain().catch(() => 0);
      await last.takeBaseCopy("deleted").catch((error) => this.options.log?.(`final base copy of ${serverKey} failed: ${String(error)}`));
    } finally {
      await last.close();
    }
    await withClient(this.options.adminUrl, (admin) => admin.query(`drop database if exists ${quoteIdent(dropped)} with (force)`));
    delete this.fingerprints[serverKey];
    await this.saveFingerprints();
  }

  /** Drains, then takes a base copy: the state just before a disaster is restorable exactly. */
  async checkpoint(serverKey: string, reason: string): Promise<void> {
    const entry = this.live.get(serverKey);
    if (!entry) return;
    await entry.database.drain();
    await this.baseCopy(serverKey, entry.database, reason);
  }

  forgetHistory(serverKey: string): Promise<void> {
    return this.history.forget(serverKey);
  }

  /** One round of background work: drain every outbox, notice changed tables, periodic base copies, pruning. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      for (const [serverKey, entry] of [...this.live]) {
        try {
          await this.watch(serverKey, entry);
        } catch (error) {
          this.options.log?.(`history of ${serverKey}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (Date.now() - this.lastPruneAt > 3_600_000) {
        this.lastPruneAt = Date.now();
        const keepFrom = new Date(Date.now() - this.options.retentionDays * 86_400_000);
        for (const serverKey of this.live.keys()) await this.history.prune(serverKey, keepFrom).catch(() => undefined);
      }
    } finally {
      this.ticking = false;
    }
  }

  private async watch(serverKey: string, entry: LiveEntry): Promise<void> {
    const fingerprint = await entry.database.fingerprint();
    if (entry.fingerprint !== undefined && fingerprint !== entry.fingerprint) {
      // The tables themselves changed (dropped, or a dump restored over them): the outbox may hold another
      // server's entries; what counts now is a full copy of what is there.
      this.options.log?.(`tables of ${serverKey} changed: new base copy`);
      await entry.database.ensureMachinery();
      await entry.database.discardOutbox();
      await this.baseCopy(serverKey, entry.database, "tables changed");
      return;
    }
    if (entry.fingerprint === undefined) {
      entry.fingerprint = fingerprint;
      this.fingerprints[serverKey] = fingerprint;
      await this.saveFingerprints();
    }
    await entry.database.drain();
    if (Date.now() - entry.lastBaseCopyAt >= this.options.baseCopyIntervalMs) await this.baseCopy(serverKey, entry.database, "periodic");
  }

  private async baseCopy(serverKey: string, live: LiveDatabase, reason: string): Promise<void> {
    await live.takeBaseCopy(reason);
    const entry = this.live.get(serverKey);
    const fingerprint = await live.fingerprint();
    if (entry) {
      entry.lastBaseCopyAt = Date.now();
      entry.fingerprint = fingerprint;
    }
    this.fingerprints[serverKey] = fingerprint;
    await this.saveFingerprints();
  }

  private fingerprintFile(): string {
    return path.join(this.options.stateDir, "data-fingerprints.json");
  }

  private savingFingerprints: Promise<void> = Promise.resolve();

  /** Serialised, so that concurrent callers never race on the temporary file. */
  private saveFingerprints(): Promise<void> {
    this.savingFingerprints = this.savingFingerprints.then(async () => {
      const file = this.fingerprintFile();
      await writeFile(`${file}.tmp`, JSON.stringify(this.fingerprints, null, 2));
      await rename(`${file}.tmp`, file);
    });
    return this.savingFingerprints;
  }
}

/** The schema every server database starts from, built once per sandbox (and per schema version). */
async function ensureTemplate(adminUrl: string, template: string, instance: string): Promise<void> {
  const existing = await listDatabases(adminUrl, templateDatabaseName(instance));
  if (existing.includes(template)) return;
  await withClient(adminUrl, async (admin) => {
    for (const stale of existing) {
      await admin.query(`alter database ${quoteIdent(stale)} with is_template false`).catch(() => undefined);
      await admin.query(`drop database if exists ${quoteIdent(stale)} with (force)`);
    }
    await admin.query(`create database ${quoteIdent(template)} template template0`);
  });
  await withClient(databaseUrl(adminUrl, template), async (client) => {
    await client.query(APPLICATION_DDL);
    await client.query(HISTORY_MACHINERY_DDL);
    for (const table of SEEDED_TABLES) await client.query(historyTriggersDdl(table));
  });
  // Nobody may connect to a template: CREATE DATABASE ... TEMPLATE refuses one that is in use.
  await withClient(adminUrl, (admin) => admin.query(`alter database ${quoteIdent(template)} with allow_connections false is_template true`));
}
