import { z } from "zod";
import type { LiveEvent } from "./live-event";
import { toLiveEvent, type LiveEventRow } from "./to-live-event";

/**
 * A notification of the audit table's insert trigger (prisma/migrations: audit_event_notify): the new row's ids, and
 * the row itself when it fits in a notification (under 8000 bytes). JSON values are whatever the row holds.
 */
const notificationSchema = z.object({
  auditId: z.string().regex(/^\d{1,19}$/),
  incidentId: z.string().nullable(),
  stepId: z.string().nullable(),
  action: z.string(),
  row: z
    .object({
      occurredAt: z.iso.datetime(),
      actorId: z.string(),
      actorName: z.string(),
      actorRole: z.string(),
      outcome: z.string(),
      operationId: z.string().nullable(),
      inputs: z.unknown(),
      detail: z.unknown(),
    })
    .optional(),
});

export interface LiveNotification {
  id: bigint;
  /** The row as a live event, or null when the notification named only its ids (the hub reads it instead). */
  event: LiveEvent | null;
}

/** The notification's row as the live event a read of the table gives (the same toLiveEvent); null if malformed. */
export function parseLiveNotification(payload: string | undefined): LiveNotification | null {
  if (!payload) return null;
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = notificationSchema.safeParse(json);
  if (!parsed.success) return null;
  const { auditId, incidentId, stepId, action, row } = parsed.data;
  const id = BigInt(auditId);
  if (!row) return { id, event: null };
  // JSON values as the row holds them (the trigger sends SQL NULL as null).
  const value = (v: unknown) => (v ?? null) as LiveEventRow["inputs"];
  return { id, event: toLiveEvent({ ...row, id, occurredAt: new Date(row.occurredAt), action, incidentId, stepId, inputs: value(row.inputs), detail: value(row.detail) }) };
}
