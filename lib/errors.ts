/**
 * Expected errors, as named classes. Their message is written for the person who caused them and is safe to
 * show; anything else is an unexpected error that callers log and answer with a generic message.
 * `httpStatusOf` is the one place that maps them to HTTP statuses (lib/api/problem.ts uses it).
 */

export interface FieldIssue {
  /** Dotted path of the input field, empty for the whole input. */
  path: string;
  message: string;
}

export abstract class ExpectedError extends Error {
  /** A short, stable title for problem+json and the UI. */
  abstract readonly title: string;
}

export class NotFoundError extends ExpectedError {
  readonly title = "Not found";
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}

/** The input is wrong: nothing was changed. `issues` name the fields. */
export class ValidationError extends ExpectedError {
  readonly title = "Invalid input";
  constructor(
    message: string,
    public readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

/** The request clashes with the current state (a step already running, an incident already closed). */
export class ConflictError extends ExpectedError {
  readonly title = "Conflict with the current state";
  constructor(
    message: string,
    /** Machine-readable reason, e.g. "already_running", for callers that react to it. */
    public readonly reason?: string,
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

/** Something that must hold before this can run does not (no backup storage in preprod, a window closed). */
export class PreconditionFailedError extends ExpectedError {
  readonly title = "Precondition not met";
  constructor(message: string) {
    super(message);
    this.name = "PreconditionFailedError";
  }
}

/** Nobody is signed in (no session, or a wrong, expired or revoked API token): 401. */
export class NotSignedInError extends ExpectedError {
  readonly title = "Sign in needed";
  constructor(message: string) {
    super(message);
    this.name = "NotSignedInError";
  }
}

export class ForbiddenError extends ExpectedError {
  readonly title = "Not allowed";
  constructor(
    message: string,
    /** True when whoever threw it already wrote the refusal to the audit trail (with more context than the caller has). */
    public readonly audited = false,
  ) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/**
 * An external system (Azure, GitHub, Kubernetes, health endpoint) answered with an error or not at all.
 * Adapters (issue 5) throw it; `retryable` says whether repeating the same call is known to be safe and
 * useful (429, 5xx, connection errors on calls that are safe to repeat).
 */
export class IntegrationError extends ExpectedError {
  readonly title = "External system error";
  constructor(
    public readonly system: string,
    message: string,
    public readonly options: { retryable?: boolean; requestId?: string; status?: number } = {},
  ) {
    super(message);
    this.name = "IntegrationError";
  }
  get retryable(): boolean {
    return this.options.retryable ?? false;
  }
}

export function httpStatusOf(error: unknown): number {
  if (error instanceof ValidationError) return 422;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof PreconditionFailedError) return 412;
  if (error instanceof NotSignedInError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof IntegrationError) return 502;
  return 500;
}
