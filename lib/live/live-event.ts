/**
 * One change as every open browser receives it: an audit row, identified by its sequence number (the audit id).
 * The id is the SSE event id, so a reconnecting browser names the last one it saw and gets exactly what follows.
 * Inputs and detail are the audit row's own, already stripped of secrets when the row was written.
 */
export interface LiveEvent {
  /** The audit row's id (a bigint as a decimal string). */
  id: string;
  occurredAt: string;
  /** UTC with UK local time beside it. */
  occurredAtText: string;
  actor: { id: string; name: string; role: string };
  action: string;
  outcome: string;
  incidentId: string | null;
  stepId: string | null;
  operationId: string | null;
  inputs: unknown;
  detail: unknown;
}

/** The PostgreSQL channel the audit table's insert trigger notifies (prisma/migrations: audit_event_notify). */
export const LIVE_CHANNEL = "dr_events";
