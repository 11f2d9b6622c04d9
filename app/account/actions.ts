"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { createApiToken } from "@/lib/auth/tokens/create-api-token";
import { revokeApiToken } from "@/lib/auth/tokens/revoke-api-token";

/** API tokens: anyone signed in makes their own (at most their role); the owner or an admin revokes. */

export const createApiTokenAction = defineAction({
  name: "token.create",
  permission: "read",
  input: z.object({ name: z.string().max(200), role: z.string().max(20).optional(), expiresInDays: z.union([z.string().max(10), z.number()]) }),
  run: async (input, ctx) => {
    const created = await createApiToken({ actor: ctx.actor, requestId: ctx.requestId, input: { ...input, role: input.role || undefined } });
    return { id: created.id, token: created.token, name: created.name, role: created.role, expiresAt: created.expiresAt.toISOString() };
  },
});

export const revokeApiTokenAction = defineAction({
  name: "token.revoke",
  permission: "read",
  input: z.object({ tokenId: z.string().max(100) }),
  run: async (input, ctx) => {
    const revoked = await revokeApiToken({ actor: ctx.actor, requestId: ctx.requestId, tokenId: input.tokenId });
    return { id: revoked.id, revokedAt: revoked.revokedAt.toISOString() };
  },
});
