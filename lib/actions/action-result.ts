import type { FieldIssue } from "../errors";

/** What a server action answers: never an exception across the wire, never an unexpected error's message. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export interface ActionError {
  /** `expected`: a named error whose message is written for the person; `unexpected`: anything else. */
  kind: "expected" | "unexpected";
  title: string;
  message: string;
  /** Fields the message is about (ValidationError), for the error summary and inline messages. */
  issues: FieldIssue[];
  /** ConflictError's reason (e.g. "step_running"), for a page that reacts to it. */
  reason?: string;
  /** Logged with the full error: quote it when reporting a problem. */
  eventId?: string;
}
