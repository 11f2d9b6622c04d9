import type { Actor } from "../../audit/actor";
import { db } from "../../db";
import { can } from "../capabilities";
import type { Role } from "../roles";

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  owner: { id: string; name: string; email: string };
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedByName: string | null;
  status: "active" | "expired" | "revoked";
}

/** A person's own tokens; with `everyone`, an admin sees all tokens (to revoke any). Never the secret. */
export async function listApiTokens(options: { actor: Actor; everyone?: boolean }): Promise<ApiTokenSummary[]> {
  const everyone = options.everyone === true && can(options.actor.role, "admin");
  const rows = await db().apiToken.findMany({
    where: everyone ? {} : { userId: options.actor.id },
    orderBy: { createdAt: "desc" },
    take: 500,
    select: {
      id: true, name: true, prefix: true, role: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true, revokedByName: true,
      user: { select: { id: true, name: true, email: true } },
    },
  });
  const now = Date.now();
  return rows.map(({ user, ...row }) => ({
    ...row,
    owner: user,
    status: row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now ? "expired" : "active",
  }));
}
