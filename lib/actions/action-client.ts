import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Actor } from "../audit/actor";
import { getCurrentActor } from "../auth/current-actor";
import { recordRefusal } from "../auth/audit-auth-event";
import { ForbiddenError, NotSignedInError, ValidationError } from "../errors";
import { logger } from "../log";
import { currentRequestId } from "../request-context";
import type { ActionResult } from "./action-result";
import { assertPermission, type Permission } from "./permissions";
import { toActionError } from "./to-action-error";

export interface ActionContext {
  actor: Actor;
  requestId: string;
}

export interface ActionDefinition<TSchema extends z.ZodType, TOutput> {
  /** A stable name, for logs and for the permission matrix (issue 7). */
  name: string;
  permission: Permission;
  input: TSchema;
  run(input: z.output<TSchema>, context: ActionContext): Promise<TOutput>;
}

/**
 * The one way this console defines server actions (stacked like dub's and formbricks' action clients): first who
 * is acting and whether they may (before the input is even read), then the input checked with zod, then the
 * feature function, and the error policy around all of it (lib/actions/to-action-error.ts). Next's redirect and
 * notFound pass through. Use it in an app/ file marked "use server": `export const x = defineAction({...})`.
 */
export function defineAction<TSchema extends z.ZodType, TOutput>(definition: ActionDefinition<TSchema, TOutput>): (input: z.input<TSchema>) => Promise<ActionResult<TOutput>> {
  return async (raw) => {
    const requestId = await currentRequestId().catch(() => crypto.randomUUID());
    let signedIn: Actor | null = null;
    try {
      const actor = await getCurrentActor();
      signedIn = actor;
      assertPermission({ actor, permission: definition.permission });
      const parsed = definition.input.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
        throw new ValidationError(issues.map((i) => i.message).join(" "), issues);
      }
      const data = await definition.run(parsed.data, { actor, requestId });
      return { ok: true, data };
    } catch (error) {
      unstable_rethrow(error);
      // Refused attempts go to the audit trail (unless the engine already wrote one with the incident and step).
      if ((error instanceof ForbiddenError && !error.audited) || error instanceof NotSignedInError) {
        await recordRefusal({ actor: signedIn, action: `action ${definition.name}`, reason: error.message, requestId });
      }
      return { ok: false, error: toActionError({ error, action: definition.name, requestId, log: logger }) };
    }
  };
}
