import pg from "pg";

/**
 * Connection pools of the sandbox's apps, one per database URL (a server's URL changes when it is recreated or
 * revived). Small, quick to give up, and never fatal: a pooled connection dropped by a deleted server is an error
 * the app reports, not a crash.
 */
export class DatabasePools {
  private readonly pools = new Map<string, pg.Pool>();

  get(url: string): pg.Pool {
    let pool = this.pools.get(url);
    if (!pool) {
      pool = new pg.Pool({ connectionString: url, max: 3, idleTimeoutMillis: 5_000, connectionTimeoutMillis: 3_000, allowExitOnIdle: true });
      pool.on("error", () => undefined);
      this.pools.set(url, pool);
    }
    return pool;
  }

  async closeAll(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
  }
}
