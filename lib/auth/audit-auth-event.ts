import { appendAuditEvent } from "../audit/append-audit-event";
import type { Actor } from "../audit/actor";
import { db } from "../db";
import type { PrismaClient } from "../generated/prisma/client";
import { logger } from "../log";

export interface AuditAuthEventOptions {
  actor: Actor;
  /** auth.signed_in, auth.signed_out, token.created, token.used, user.role_changed, access.refused, ... */
  action: string;
  outcome: "ok" | "refused";
  detail?: Record<string, unknown>;
  requestId?: string;
  prisma?: PrismaClient;
}

/** Who is not signed in, as the audit trail records them. */
export const ANONYMOUS_ACTOR: Actor = { id: "anonymous", name: "Not signed in", role: "viewer" };

/** Appends one row about sign-in, tokens, roles or a refusal to the hash-chained audit trail, in its own transaction. */
export async function auditAuthEvent(options: AuditAuthEventOptions): Promise<void> {
  const client = options.prisma ?? db();
  await client.$transaction((tx) =>
    appendAuditEvent(tx, {
      actor: options.actor,
      action: options.action,
      outcome: options.outcome,
      detail: options.detail,
      requestId: options.requestId,
    }),
  );
}

/**
 * Records a refused attempt (a role without the capability, a wrong token, a sign-in refused). Never throws: the
 * refusal itself must still reach the person even if the audit trail cannot be written; that failure is logged.
 */
export async function recordRefusal(options: { actor: Actor | null; action: string; reason: string; requestId?: string; detail?: Record<string, unknown> }): Promise<void> {
  try {
    await auditAuthEvent({
      actor: options.actor ?? ANONYMOUS_ACTOR,
      action: "access.refused",
      outcome: "refused",
      detail: { attempted: options.action, reason: options.reason, ...options.detail },
      requestId: options.requestId,
    });
  } catch (error) {
    logger.error({ err: error, attempted: options.action, actorId: options.actor?.id }, "could not record a refused attempt in the audit trail");
  }
}
