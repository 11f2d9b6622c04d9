import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { getEnvironment } from "@/lib/catalogue/catalogue";
import { startSandbox, type StartedSandbox } from "../index";
import { ServerData } from "../data/server-data";
import { controlRequest } from "../azure/testing/arm-request";
import type { SandboxEndpoints } from "./endpoints";

/**
 * The sandbox as a whole: what endpoints.json says, a restart that finds everything where it was, and a
 * reset back to the seeded state.
 */

const test = getEnvironment("aytq", "test");
const adminDatabaseUrl = () => process.env.TEST_ADMIN_DATABASE_URL!;
let stateDir: string | undefined;
let running: StartedSandbox | undefined;

async function count(url: string, sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
  } finally {
    await c.end();
  }
}

const start = () =>
  startSandbox({ adminDatabaseUrl: adminDatabaseUrl(), stateDir, speed: "fast", seed: { nights: 1, teachers: 60 }, standIns: { github: false, kubernetes: false, services: false }, log: () => undefined });

afterAll(async () => {
  await running?.stop();
  if (stateDir) {
    await ServerData.destroyAll({ adminUrl: adminDatabaseUrl(), stateDir });
    await rm(stateDir, { recursive: true, force: true });
  }
});

describe("startSandbox", () => {
  it("writes endpoints.json, finds its servers again after a restart, and resets to the seeded state", async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), "dr-sandbox-life-"));
    running = await start();
    const file = path.join(stateDir, "endpoints.json");
    const written = JSON.parse(await readFile(file, "utf8")) as SandboxEndpoints;
    expect(written).toEqual(running.endpoints);
    expect(written.arm.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(written.control.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(written.arm.caFile)).toBe(true);
    expect(Object.keys(written.storage.accounts).sort()).toEqual(["s189p01aytqdbbkppdsa", "s189t01aytqdbbkptssa"]);
    expect(written.missing).toEqual(["kubernetes", "github", "services"]);
    expect((await controlRequest(written.control.url, "GET", "/endpoints")).body).toEqual(written);

    const url = (await running.context.serverDatabaseUrl(test.postgres.server))!;
    const seeded = await count(url, "select count(*) as n from teachers");
    await controlRequest(written.control.url, "POST", "/disasters/delete-rows", { environment: "test", table: "teachers", count: 10 });
    await running.stop();
    running = undefined;

    running = await start();
    const again = (await running.context.serverDatabaseUrl(test.postgres.server))!;
    expect(again).toBe(url);
    expect(await count(again, "select count(*) as n from teachers")).toBe(seeded - 10);
    expect(running.endpoints.arm.token).toBe(written.arm.token);

    const reset = await controlRequest(running.endpoints.control.url, "POST", "/reset");
    expect(reset.status).toBe(200);
    const fresh = (await running.context.serverDatabaseUrl(test.postgres.server))!;
    expect(fresh).not.toBe(url);
    expect(await count(fresh, "select count(*) as n from teachers")).toBe(seeded);
  });
});
