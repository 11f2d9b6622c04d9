import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "./db";
import { inTransaction } from "./engine/transaction";

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

describe("the console's database connections", () => {
  let database = "";
  afterAll(async () => {
    if (database) await db().$executeRawUnsafe(`alter database ${quote(database)} reset default_transaction_isolation`);
  });

  it("run every transaction READ COMMITTED, even where the database's default is another level", async () => {
    database = (await db().$queryRaw<{ database: string }[]>`select current_database() as database`)[0]!.database;
    await db().$executeRawUnsafe(`alter database ${quote(database)} set default_transaction_isolation to 'serializable'`);
    // New connections see the database's new default; the console's own setting must win over it.
    await disconnectDb();
    const inside = await inTransaction((tx) => tx.$queryRaw<{ level: string }[]>`select current_setting('transaction_isolation') as level`);
    expect(inside[0]!.level).toBe("read committed");
    const outside = await db().$queryRaw<{ level: string }[]>`select current_setting('transaction_isolation') as level`;
    expect(outside[0]!.level).toBe("read committed");
  });
});
