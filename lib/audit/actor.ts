import { z } from "zod";

/**
 * Who does something. Until sign-in exists (issue 7) the API takes it from the sandbox's request headers;
 * afterwards it comes from the session. Roles as in prisma's Role enum.
 */
export const actorRoles = ["viewer", "responder", "lead", "admin"] as const;
export const actorSchema = z.object({
  id: z.string().trim().min(1, "an actor id").max(200),
  name: z.string().trim().min(1, "an actor name").max(200),
  role: z.enum(actorRoles),
});
export type Actor = z.infer<typeof actorSchema>;

/** The engine itself (the job that follows operations), for audit rows nobody typed. */
export const ENGINE_ACTOR: Actor = { id: "system:engine", name: "DR console engine", role: "admin" };

/** Who and on which request: every feature function takes it, and the audit row records it. */
export interface ActionContext {
  actor: Actor;
  /** The HTTP request id (proxy.ts sets x-request-id). */
  requestId?: string;
  /** Ties together the rows of one piece of work (e.g. an operation's send and its completion). */
  correlationId?: string;
}
