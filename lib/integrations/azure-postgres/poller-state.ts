import { z } from "zod";

/**
 * The serialisable state of a long ARM operation, stored by the engine in the operation record and given back to
 * pollOperation in any process after a restart:
 * - `arm-lro`: the SDK's own poller state (`poller.toString()`, resumed with `resumeFrom`), which holds the
 *   Azure-AsyncOperation URL; when it says done, the server's state is checked before "succeeded";
 * - `server-state`: an operation found by its idempotency tag (adopted) or one whose poller state was lost: followed
 *   by the server's state alone.
 */

const serverRef = z.object({ subscriptionId: z.string(), resourceGroup: z.string(), server: z.string() });

export const armPollerStateSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("arm-lro"),
    operation: z.enum(["create", "delete"]),
    target: serverRef,
    sdkState: z.string(),
    /** What the server's state must show before the operation counts as done. */
    expect: z.enum(["ready", "absent"]),
    /** Set once the SDK's poller reported success: only the state check is left. */
    lroSucceeded: z.boolean().optional(),
  }),
  z.object({ kind: z.literal("server-state"), target: serverRef, expect: z.enum(["ready", "absent"]) }),
]);

export type ArmPollerState = z.infer<typeof armPollerStateSchema>;
