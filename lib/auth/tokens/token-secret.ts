import { createHash, randomBytes } from "node:crypto";

/** The recognisable start of every console API token (secret scanners can look for it). */
export const TOKEN_PREFIX = "drc_";
const TOKEN_SHAPE = /^drc_[A-Za-z0-9_-]{43}$/;

/** A new token: 256 random bits, base64url. Only its hash is stored. */
export function generateTokenSecret(): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashTokenSecret(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

/**
 * sha256 is enough for a 256-bit random secret (a slow password hash protects guessable secrets; these are not),
 * and it lets a token be found by its hash in one indexed read.
 */
export function hashTokenSecret(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function looksLikeToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
