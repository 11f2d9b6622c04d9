import { ROLES, roleAtLeast, type Role } from "../roles";

/**
 * Parses AUTH_ROLE_MAPPING: `<Entra group object id or app-role value>=<role>`, comma-separated. A wrong entry
 * fails loudly (a typo must not silently leave someone without access, or with too much).
 */
export function parseRoleMapping(mapping: string): Map<string, Role> {
  const result = new Map<string, Role>();
  for (const entry of mapping.split(",").map((e) => e.trim()).filter(Boolean)) {
    const index = entry.lastIndexOf("=");
    const key = index > 0 ? entry.slice(0, index).trim() : "";
    const role = entry.slice(index + 1).trim() as Role;
    if (!key || !ROLES.includes(role)) {
      throw new Error(`AUTH_ROLE_MAPPING: "${entry}" is not <group id or app role>=<${ROLES.join("|")}>.`);
    }
    result.set(key, role);
  }
  return result;
}

/**
 * The console role for a person's Entra ID claims (`groups`: group object ids; `roles`: app-role values), the
 * highest that any of them maps to, or null when none is mapped (a new user is then a viewer).
 */
export function mapEntraRole(options: { claims: { groups?: unknown; roles?: unknown }; mapping: string }): Role | null {
  const mapping = parseRoleMapping(options.mapping);
  const values = [options.claims.groups, options.claims.roles].flatMap((v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []));
  let best: Role | null = null;
  for (const value of values) {
    const role = mapping.get(value);
    if (role && (!best || roleAtLeast(role, best))) best = role;
  }
  return best;
}
