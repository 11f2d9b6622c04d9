import { describe, expect, it } from "vitest";
import { db } from "../db";
import { getConsoleHealth } from "./get-console-health";

describe("console health on a real PostgreSQL", () => {
  it("is ok when the database answers and every migration is applied", async () => {
    const health = await getConsoleHealth();
    expect(health.database.reachable).toBe(true);
    expect(health.migrations).toMatchObject({ current: true, pending: [], failed: [] });
    expect(health.status).toBe("ok");
  });

  it("is unavailable when a migration is missing from the database", async () => {
    const rows = await db().$queryRaw<{ migration_name: string }[]>`select migration_name from _prisma_migrations`;
    if (rows.length === 0) {
      // No migration to remove yet: record a failed one instead, which must also make the schema not current.
      await db().$executeRaw`insert into _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
        values ('x', 'x', '99999999999999_half_applied', now(), 0)`;
    } else {
      await db().$executeRaw`delete from _prisma_migrations where migration_name = ${rows[0]!.migration_name}`;
    }
    const health = await getConsoleHealth();
    expect(health.status).toBe("unavailable");
    expect(health.migrations.current).toBe(false);
  });
});
