import type { Actor } from "../../audit/actor";
import { db } from "../../db";
import { NotSignedInError } from "../../errors";
import { logger } from "../../log";
import { auditAuthEvent, recordRefusal } from "../audit-auth-event";
import { lowerRole } from "../roles";
import { hashTokenSecret, looksLikeToken } from "./token-secret";

const READ_AUDIT_EVERY_MS = 3_600_000;
const LAST_USED_EVERY_MS = 60_000;

/**
 * The person behind an API token, with the lesser of the token's role and the owner's role now. A wrong, expired
 * or revoked token is refused (NotSignedInError, 401) and the refusal audited. Use is audited too: every request
 * that may change something, and reads at most once an hour per token (so polling does not flood the trail).
 */
export async function authenticateApiToken(options: { token: string; method: string; requestId?: string }): Promise<Actor & { tokenId: string }> {
  const refuse = async (reason: string, tokenId?: string, owner?: Actor): Promise<never> => {
    await recordRefusal({ actor: owner ?? null, action: "api token", reason, requestId: options.requestId, detail: tokenId ? { tokenId } : undefined });
    throw new NotSignedInError(`The API token was refused: it is ${reason}. Make a new one on the console's "API tokens" page.`);
  };
  const token = options.token.trim();
  if (!looksLikeToken(token)) return refuse("not a DR console token");
  const row = await db().apiToken.findUnique({
    where: { tokenHash: hashTokenSecret(token) },
    select: { id: true, role: true, expiresAt: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, name: true, role: true } } },
  });
  if (!row) return refuse("unknown");
  const owner: Actor = { id: row.user.id, name: row.user.name, role: row.user.role };
  if (row.revokedAt) return refuse("revoked", row.id, owner);
  const now = Date.now();
  if (row.expiresAt.getTime() <= now) return refuse("expired", row.id, owner);

  const actor = { ...owner, role: lowerRole(row.role, owner.role), tokenId: row.id };
  const last = row.lastUsedAt?.getTime() ?? 0;
  const reads = options.method === "GET" || options.method === "HEAD";
  try {
    if (now - last > LAST_USED_EVERY_MS) await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
    if (!reads || now - last > READ_AUDIT_EVERY_MS) {
      await auditAuthEvent({ actor, action: "token.used", outcome: "ok", detail: { tokenId: row.id, method: options.method }, requestId: options.requestId });
    }
  } catch (error) {
    // Bookkeeping must not lock a responder out mid-incident; the action itself is audited as usual.
    logger.error({ err: error, tokenId: row.id }, "could not record an API token's use");
  }
  return actor;
}
