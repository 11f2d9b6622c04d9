import { env } from "../../config/env";
import { db } from "../../db";
import { auditAuthEvent } from "../audit-auth-event";
import { mapEntraRole } from "./map-entra-role";

/**
 * After a Microsoft Entra ID sign-in (Auth.js's signIn event, once the user and session rows exist): a mapped
 * group or app role sets the person's role (Entra is the source of truth for mapped people; the change is
 * audited); without a mapping the role stays (a first sign-in is a viewer, the schema's default). Audits the sign-in.
 */
export async function applyEntraSignIn(options: { userId: string; claims: { groups?: unknown; roles?: unknown }; isNewUser: boolean }): Promise<void> {
  const user = await db().user.findUnique({ where: { id: options.userId }, select: { id: true, name: true, role: true } });
  if (!user) return;
  const mapped = mapEntraRole({ claims: options.claims, mapping: env().AUTH_ROLE_MAPPING });
  let role = user.role;
  if (mapped && mapped !== user.role) {
    await db().user.update({ where: { id: user.id }, data: { role: mapped } });
    await auditAuthEvent({
      actor: { id: "system:entra-id", name: "Microsoft Entra ID", role: "admin" },
      action: "user.role_changed", outcome: "ok",
      detail: { userId: user.id, name: user.name, from: user.role, to: mapped, source: "Entra ID group or app role" },
    });
    role = mapped;
  }
  await auditAuthEvent({ actor: { id: user.id, name: user.name, role }, action: "auth.signed_in", outcome: "ok", detail: { method: "microsoft-entra-id", firstSignIn: options.isNewUser } });
}
