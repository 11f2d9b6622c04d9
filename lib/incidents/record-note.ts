import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { ValidationError } from "../errors";
import { authoriseStepAction } from "../engine/authorise-step-action";
import { loadRun } from "../engine/load-run";
import { touchParticipant } from "../engine/touch-participant";
import { inTransaction } from "../engine/transaction";
import { checkNoteText } from "./check-note-text";

export interface RecordNoteOptions extends ActionContext {
  incidentId: string;
  /** The step it is about, if any. */
  stepId?: string;
  text: string;
}

const MAX_NOTE = 4000;

/** A note on the incident's timeline: plain text (checkNoteText), stored as typed; pages escape it when showing it. */
export async function recordNote(options: RecordNoteOptions): Promise<{ id: string }> {
  authoriseStepAction({ actor: options.actor, action: "note" });
  const text = (options.text ?? "").trim();
  if (!text) throw new ValidationError("The note is empty.", [{ path: "text", message: "required" }]);
  if (text.length > MAX_NOTE) throw new ValidationError(`The note is too long: at most ${MAX_NOTE} characters.`, [{ path: "text", message: "too long" }]);
  checkNoteText({ text });
  const loaded = await loadRun({ incidentId: options.incidentId });
  const run = options.stepId ? loaded.step(options.stepId).run : null;
  return inTransaction(async (tx) => {
    const note = await tx.note.create({
      data: { incidentId: loaded.incident.id, stepRunId: run?.id ?? null, kind: "note", text, actorId: options.actor.id, actorName: options.actor.name },
    });
    await touchParticipant(tx, { incidentId: loaded.incident.id, actor: options.actor });
    await appendAuditEvent(tx, {
      actor: options.actor, action: "note.recorded", outcome: "ok", incidentId: loaded.incident.id, stepId: options.stepId ?? null,
      inputs: { text }, detail: { noteId: note.id }, requestId: options.requestId, correlationId: options.correlationId,
    });
    return { id: note.id };
  });
}
