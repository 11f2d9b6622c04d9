import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./config/env";

/**
 * The one Prisma client of the process. Kept on globalThis so that Next's dev reloads
 * and test files importing it twice share one pool.
 */
const globalForPrisma = globalThis as unknown as { __drConsolePrisma?: PrismaClient };

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set: start the console with `npm start` (which runs an embedded PostgreSQL) or set DATABASE_URL.",
    );
  }
  return url;
}

function createClient(): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: databaseUrl(),
    max: env().DATABASE_POOL_MAX,
    // Every transaction READ COMMITTED, whatever the server's or database's default: each statement sees what was
    // committed before it started, which the audit chain relies on (lock, then read the head: lib/audit).
    options: "-c default_transaction_isolation=read\\ committed",
  });
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  globalForPrisma.__drConsolePrisma ??= createClient();
  return globalForPrisma.__drConsolePrisma;
}

export async function disconnectDb(): Promise<void> {
  const client = globalForPrisma.__drConsolePrisma;
  globalForPrisma.__drConsolePrisma = undefined;
  await client?.$disconnect();
}
