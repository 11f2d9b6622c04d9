"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { changeUserRole } from "@/lib/auth/users/change-user-role";

/** Admins only: people's roles (audited, applied to their next request). */
export const changeUserRoleAction = defineAction({
  name: "user.change-role",
  permission: "admin",
  input: z.object({ userId: z.string().max(100), role: z.string().max(20) }),
  run: (input, ctx) => changeUserRole({ actor: ctx.actor, requestId: ctx.requestId, input }),
});
