import { randomBytes } from "node:crypto";
import { env } from "../../config/env";
import { db } from "../../db";

/**
 * A new database session for a user, made by the console itself (the sandbox sign-in). The same row shape Auth.js's
 * Prisma adapter writes after a Microsoft sign-in, so one reader serves both. The token is 256 random bits.
 */
export async function createSession(options: { userId: string; method: string }): Promise<{ sessionToken: string; expires: Date }> {
  const sessionToken = randomBytes(32).toString("base64url");
  const expires = new Date(Date.now() + env().AUTH_SESSION_HOURS * 3_600_000);
  await db().session.create({ data: { sessionToken, userId: options.userId, expires, method: options.method } });
  return { sessionToken, expires };
}
