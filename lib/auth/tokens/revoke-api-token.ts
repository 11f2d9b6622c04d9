import type { Actor } from "../../audit/actor";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { db } from "../../db";
import { ConflictError, ForbiddenError, NotFoundError } from "../../errors";
import { can } from "../capabilities";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Revokes a token at once: its owner can, and an admin can revoke anyone's. Audited. */
export async function revokeApiToken(options: { actor: Actor; tokenId: string; requestId?: string }): Promise<{ id: string; revokedAt: Date }> {
  const { actor } = options;
  if (!UUID.test(options.tokenId)) throw new NotFoundError("There is no such token.");
  const token = await db().apiToken.findUnique({ where: { id: options.tokenId }, select: { id: true, userId: true, name: true, prefix: true, revokedAt: true } });
  if (!token) throw new NotFoundError("There is no such token.");
  if (token.userId !== actor.id && !can(actor.role, "admin")) throw new ForbiddenError("Only the token's owner or an admin can revoke it.");
  if (token.revokedAt) throw new ConflictError("This token was already revoked.", "token_revoked");
  const revokedAt = new Date();
  await db().$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: token.id, revokedAt: null },
      data: { revokedAt, revokedById: actor.id, revokedByName: actor.name },
    });
    if (count === 0) throw new ConflictError("This token was already revoked.", "token_revoked");
    await appendAuditEvent(tx, {
      actor, action: "token.revoked", outcome: "ok",
      detail: { tokenId: token.id, name: token.name, prefix: token.prefix, ownerId: token.userId },
      requestId: options.requestId,
    });
  });
  return { id: token.id, revokedAt };
}
