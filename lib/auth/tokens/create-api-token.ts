import { z } from "zod";
import type { Actor } from "../../audit/actor";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { env } from "../../config/env";
import { db } from "../../db";
import { ValidationError } from "../../errors";
import type { PrismaClient } from "../../generated/prisma/client";
import { ROLES, roleAtLeast, type Role } from "../roles";
import { generateTokenSecret } from "./token-secret";

export const createApiTokenInputSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name, e.g. what will use it.").max(100, "The name is too long: at most 100 characters."),
  /** At most the owner's role; the owner's when left out. */
  role: z.enum(ROLES as [Role, ...Role[]]).optional(),
  expiresInDays: z.coerce.number({ error: "The expiry: a number of days." }).int("The expiry: a whole number of days.").min(1, "The expiry: at least 1 day."),
});

export interface CreateApiTokenOptions {
  actor: Actor;
  input: unknown;
  requestId?: string;
  /** For the sandbox launcher, which runs outside the app with its own client. */
  prisma?: PrismaClient;
}

export interface CreatedApiToken {
  id: string;
  /** The token itself: shown once, never stored. */
  token: string;
  prefix: string;
  name: string;
  role: Role;
  expiresAt: Date;
}

/** A person makes an API token for themselves: scoped to their role or less, with an expiry, stored hashed, audited. */
export async function createApiToken(options: CreateApiTokenOptions): Promise<CreatedApiToken> {
  const { actor } = options;
  const parsed = createApiTokenInputSchema.safeParse(options.input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    throw new ValidationError(issues.map((i) => i.message).join(" "), issues);
  }
  const input = parsed.data;
  const maxDays = env().API_TOKEN_MAX_DAYS;
  if (input.expiresInDays > maxDays) {
    throw new ValidationError(`The expiry: at most ${maxDays} days.`, [{ path: "expiresInDays", message: `at most ${maxDays} days` }]);
  }
  const role = input.role ?? actor.role;
  if (!roleAtLeast(actor.role, role)) {
    throw new ValidationError(`A token cannot do more than its owner: you are a ${actor.role}, so choose ${actor.role} or less.`, [{ path: "role", message: "above your role" }]);
  }
  const secret = generateTokenSecret();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const client = options.prisma ?? db();
  const created = await client.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId: actor.id, name: input.name, tokenHash: secret.hash, prefix: secret.prefix, role, expiresAt },
      select: { id: true },
    });
    await appendAuditEvent(tx, {
      actor, action: "token.created", outcome: "ok",
      detail: { tokenId: row.id, name: input.name, prefix: secret.prefix, role, expiresAt: expiresAt.toISOString() },
      requestId: options.requestId,
    });
    return row;
  });
  return { id: created.id, token: secret.token, prefix: secret.prefix, name: input.name, role, expiresAt };
}
