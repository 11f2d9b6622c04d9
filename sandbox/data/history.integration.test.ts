import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gzipDump } from "./dump-at-point";
import { withClient } from "./pg";
import { findPostgresTool, serverMajorVersion } from "./postgres-tools";
import { ServerData } from "./server-data";

/**
 * The history behind point-in-time restore and revive, on real PostgreSQL: row changes, a dropped table, and a
 * dump restored over the live database with psql (what the restore-from-storage workflow does) are all
 * restorable to the point they were at.
 */

const run = promisify(execFile);
let data: ServerData;
let stateDir: string;
const adminUrl = () => process.env.TEST_ADMIN_DATABASE_URL!;

async function rows<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  return withClient(url, async (c) => (await c.query<R>(sql)).rows);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), "dr-sandbox-data-"));
  data = await ServerData.open({ adminUrl: adminUrl(), stateDir, baseCopyIntervalMs: 3_600_000, retentionDays: 7 });
});

afterAll(async () => {
  await data?.close();
  await ServerData.destroyAll({ adminUrl: adminUrl(), stateDir });
  await rm(stateDir, { recursive: true, force: true });
});

describe("restoring a server's data to a point", () => {
  it("replays row changes up to the point and none after it; a dropped table comes back for a point before the drop", async () => {
    const database = await data.seedServer({ serverKey: "live", serverName: "s189t01-aytq-ts-pg", seed: "history-test", now: new Date(), recentDays: 8, teachers: 60 });
    const live = data.databaseUrl(database);
    await rows(live, "insert into search_logs (last_name, date_of_birth, created_at, updated_at) values ('Before', '1980-01-01', now(), now())");
    await rows(live, "update teachers set last_name = 'Changed' where id = 1");
    await rows(live, "delete from teachers where id = 2");
    await data.tick();
    await sleep(20);
    const beforeDrop = new Date();
    await sleep(20);
    await rows(live, "drop table induction_records");
    await rows(live, "insert into search_logs (last_name, date_of_birth, created_at, updated_at) values ('After', '1980-01-01', now(), now())");
    await data.tick();

    const atPoint = await data.restoreServer({ serverKey: "copy1", serverName: "copy-before-drop", sourceKey: "live", point: beforeDrop });
    const copy = data.databaseUrl(atPoint.database);
    expect(await rows(copy, "select last_name from search_logs where last_name in ('Before', 'After') order by 1")).toEqual([{ last_name: "Before" }]);
    expect(await rows(copy, "select last_name from teachers where id in (1, 2)")).toEqual([{ last_name: "Changed" }]);
    expect(await rows(copy, "select to_regclass('public.induction_records') is not null as present")).toEqual([{ present: true }]);
    expect(Number((await rows<{ n: string }>(copy, "select count(*) as n from induction_records"))[0]!.n)).toBeGreaterThan(0);

    const now = await data.restoreServer({ serverKey: "copy2", serverName: "copy-now", sourceKey: "live", point: new Date() });
    const latest = data.databaseUrl(now.database);
    expect(await rows(latest, "select to_regclass('public.induction_records') is not null as present")).toEqual([{ present: false }]);
    expect(await rows(latest, "select count(*)::int as n from search_logs where last_name = 'After'")).toEqual([{ n: 1 }]);
  });

  it("keeps an exact history across a dump restored over the live database with psql", async () => {
    const major = await serverMajorVersion(adminUrl());
    const pgDump = await findPostgresTool("pg_dump", major);
    const psql = await findPostgresTool("psql", major);
    const database = await data.seedServer({ serverKey: "restored", serverName: "s189p01-aytq-pd-pg", seed: "history-test-2", now: new Date(), recentDays: 8, teachers: 40 });
    const live = data.databaseUrl(database);
    const dump = gunzipSync(await gzipDump(pgDump.path, live)).toString("utf8");
    await rows(live, "insert into teachers (trn, first_name, last_name, date_of_birth, created_at, updated_at) values ('7777777', 'Lost', 'InTheRestore', '1990-01-01', now(), now())");
    await data.tick();
    // The restore-from-storage workflow: psql the (--clean) dump into the live database.
    const file = path.join(stateDir, "dump.sql");
    await import("node:fs/promises").then((fs) => fs.writeFile(file, dump));
    await run(psql.path, ["--quiet", "--dbname", live, "--file", file]);
    expect(await rows(live, "select count(*)::int as n from teachers where trn = '7777777'")).toEqual([{ n: 0 }]);
    await data.tick();
    await sleep(20);
    const afterRestore = new Date();
    await sleep(20);
    await rows(live, "insert into teachers (trn, first_name, last_name, date_of_birth, created_at, updated_at) values ('8888888', 'After', 'TheRestore', '1990-01-01', now(), now())");
    await data.tick();

    const atPoint = data.databaseUrl((await data.restoreServer({ serverKey: "copy3", serverName: "copy-after-restore", sourceKey: "restored", point: afterRestore })).database);
    expect(await rows(atPoint, "select trn from teachers where trn in ('7777777', '8888888')")).toEqual([]);
    const latest = data.databaseUrl((await data.restoreServer({ serverKey: "copy4", serverName: "copy-latest", sourceKey: "restored", point: new Date() })).database);
    expect(await rows(latest, "select trn from teachers where trn in ('7777777', '8888888')")).toEqual([{ trn: "8888888" }]);
    expect(await rows(latest, "select count(*)::int as n from teachers")).toEqual(await rows(live, "select count(*)::int as n from teachers"));
  });
});
