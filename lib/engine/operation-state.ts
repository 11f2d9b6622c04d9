import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { toJsonValue } from "../audit/canonical-json";

/**
 * The operation's stored state (column pollerState), changed with jsonb merges in SQL so that a write never
 * replaces what another write of the same tick saved a moment before (progress saved mid-send, poller state).
 */
export interface StoredOperationState {
  /** Saved by the handler before its external change (SendArgs.saveProgress). */
  progress?: Record<string, unknown>;
  /** The handler's poller state (e.g. the run id, a serialised ARM poller). */
  poller?: Record<string, unknown>;
  /** The last thing seen while following, for people. */
  lastDetail?: string;
}

export async function mergeOperationState(
  operationId: string,
  patch: { progress?: Record<string, unknown>; poller?: Record<string, unknown>; lastDetail?: string },
  client: Prisma.TransactionClient = db(),
): Promise<void> {
  const { progress, ...rest } = patch;
  const top = JSON.stringify(toJsonValue(rest));
  const nested = JSON.stringify(toJsonValue(progress ?? {}));
  await client.$executeRaw`
    update "Operation"
    set "pollerState" = jsonb_set(coalesce("pollerState", '{}'::jsonb) || ${top}::jsonb, '{progress}',
                                  coalesce("pollerState"->'progress', '{}'::jsonb) || ${nested}::jsonb),
        "updatedAt" = now()
    where id = ${operationId}::uuid`;
}
