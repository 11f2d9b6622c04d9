import type { Actor } from "../audit/actor";

export type Role = Actor["role"];

/** Roles from least to most: each includes what the ones before it may do. */
export const ROLES: readonly Role[] = ["viewer", "responder", "lead", "admin"];

const RANK: Record<Role, number> = { viewer: 0, responder: 1, lead: 2, admin: 3 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

/** The lesser of two roles (a token's role is capped by its owner's current role). */
export function lowerRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  responder: "Responder",
  lead: "Incident lead",
  admin: "Admin",
};
