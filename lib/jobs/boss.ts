import { PgBoss } from "pg-boss";
import { databaseUrl } from "../db";
import { logger } from "../log";
import { OPERATION_TICK_QUEUE } from "./queues";

/**
 * The process's pg-boss (durable jobs in the console's own PostgreSQL, schema `pgboss`, created and migrated by
 * pg-boss itself on start). Sending needs it started; workers are registered by lib/engine/start-engine.ts.
 */
const globalForBoss = globalThis as unknown as { __drConsoleBoss?: Promise<PgBoss> };

export const BOSS_SCHEMA = "pgboss";

async function createBoss(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl(),
    schema: BOSS_SCHEMA,
    max: 4,
    application_name: "dr-console-jobs",
    // Workers on notify-enabled queues wake on insert instead of waiting for their next poll (step overhead).
    useListenNotify: true,
  });
  boss.on("error", (error) => logger.error({ err: error }, "pg-boss error"));
  await boss.start();
  await ensureQueues(boss);
  return boss;
}

async function ensureQueues(boss: PgBoss): Promise<void> {
  if (await boss.getQueue(OPERATION_TICK_QUEUE)) return;
  try {
    await boss.createQueue(OPERATION_TICK_QUEUE, {
      // `short`: at most one queued job per operation (singletonKey = operation id), any number active, so a
      // follower can queue its successor and the resume sweep cannot start a second chain.
      policy: "short",
      notify: true,
      // A tick is one send or one poll; a tick held by a killed process expires and the sweep starts a new one.
      expireInSeconds: 120,
      retryLimit: 0,
      deleteAfterSeconds: 24 * 3600,
    });
  } catch (error) {
    // Another process created it at the same moment.
    if (!(await boss.getQueue(OPERATION_TICK_QUEUE))) throw error;
  }
}

export function getBoss(): Promise<PgBoss> {
  globalForBoss.__drConsoleBoss ??= createBoss().catch((error: unknown) => {
    globalForBoss.__drConsoleBoss = undefined;
    throw error;
  });
  return globalForBoss.__drConsoleBoss;
}

export async function stopBoss(): Promise<void> {
  const pending = globalForBoss.__drConsoleBoss;
  globalForBoss.__drConsoleBoss = undefined;
  if (!pending) return;
  const boss = await pending.catch(() => undefined);
  await boss?.stop({ graceful: true, timeout: 5000 });
}
