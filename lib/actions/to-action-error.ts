import { ConflictError, ExpectedError, ValidationError } from "../errors";
import type { ActionError } from "./action-result";

export interface ErrorLog {
  error(object: Record<string, unknown>, message: string): void;
}

/**
 * The error policy of server actions. A named expected error (lib/errors.ts, NotSignedInError...) is shown with
 * its own message, which is written for the person. Anything else is logged in full under a new event id, and the
 * person sees only a generic message with that id: an unexpected error's message may hold internals.
 */
export function toActionError(options: { error: unknown; action: string; requestId: string; log: ErrorLog; newEventId?: () => string }): ActionError {
  const { error } = options;
  if (error instanceof ExpectedError) {
    return {
      kind: "expected",
      title: error.title,
      message: error.message,
      issues: error instanceof ValidationError ? error.issues : [],
      ...(error instanceof ConflictError && error.reason ? { reason: error.reason } : {}),
    };
  }
  const eventId = (options.newEventId ?? (() => crypto.randomUUID()))();
  options.log.error({ err: error, eventId, action: options.action, requestId: options.requestId }, "server action failed unexpectedly");
  return {
    kind: "unexpected",
    title: "Something went wrong",
    message: `Something went wrong and nothing may have been done. Reload the page to see the current state, then try again. If it happens again, quote event ${eventId}.`,
    issues: [],
    eventId,
  };
}
