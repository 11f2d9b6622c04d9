import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded";

const dir = await mkdtemp(path.join(os.tmpdir(), "dr-embedded-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  it("initialises once, keeps its data between runs and stops cleanly", async () => {
    const dataDir = path.join(dir, "data");
    const port = 54400 + Math.floor(Math.random() * 500);
    const first = await startEmbeddedPostgres({ dataDir, port, database: "dr_console" });
    expect(first.started).toBe(true);
    await query(first.url, "create table kept (v int); insert into kept values (42)");
    await first.stop();
    await expect(query(first.url, "select 1")).rejects.toThrow();

    const second = await startEmbeddedPostgres({ dataDir, port, database: "dr_console" });
    const rows = await query(second.url, "select v from kept");
    expect(rows.rows).toEqual([{ v: 42 }]);
    await second.stop();
  });
});
