import pg from "pg";
import { databaseUrl } from "../db";

/**
 * One follower per operation at a time, across processes and replicas: a session-level PostgreSQL advisory lock
 * held on a dedicated connection while a tick runs. If the process dies, its connection closes and PostgreSQL
 * releases the lock at once, so another process can take over without waiting for a lease to expire.
 */
const globalForLocks = globalThis as unknown as { __drConsoleLockPool?: pg.Pool };

/** First half of the two-key advisory lock space used for operations (the audit chain uses the one-key form). */
const OPERATION_LOCK_CLASS = 4243;

function pool(): pg.Pool {
  globalForLocks.__drConsoleLockPool ??= new pg.Pool({ connectionString: databaseUrl(), max: 6, application_name: "dr-console-locks" });
  return globalForLocks.__drConsoleLockPool;
}

/** Runs `fn` holding the operation's lock; returns `{ locked: false }` at once when another follower holds it. */
export async function withOperationLock<T>(operationId: string, fn: () => Promise<T>): Promise<{ locked: true; value: T } | { locked: false }> {
  const client = await pool().connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("select pg_try_advisory_lock($1, hashtext($2)) as locked", [OPERATION_LOCK_CLASS, operationId]);
    if (!rows[0]?.locked) return { locked: false };
    try {
      return { locked: true, value: await fn() };
    } finally {
      await client.query("select pg_advisory_unlock($1, hashtext($2))", [OPERATION_LOCK_CLASS, operationId]);
    }
  } finally {
    client.release();
  }
}

export async function closeOperationLocks(): Promise<void> {
  const current = globalForLocks.__drConsoleLockPool;
  globalForLocks.__drConsoleLockPool = undefined;
  await current?.end();
}
