"use client";

import { useState, type FormEvent } from "react";
import { TextareaField } from "@/app/_components/form/textarea-field";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { recordNoteAction } from "../../actions";
import { ActionErrors, issueFor } from "./action-errors";
import { useRun } from "./run-context";

/** A note on the timeline (what someone found, said or decided), for everyone now and for the report later. */
export function NoteForm() {
  const { view, afterAction } = useRun();
  const [text, setText] = useState("");
  const [missing, setMissing] = useState(false);
  const mutation = useActionMutation(recordNoteAction, {
    onSuccess: async () => {
      setText("");
      setMissing(false);
      await afterAction({ focusId: "note-text", message: "Note added to the timeline." });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setMissing(true);
      return;
    }
    mutation.run({ incidentId: view.id, text: text.trim() });
  };
  const error = issueFor(mutation.error, "text") ?? (missing && !text.trim() ? "Enter the note" : undefined);
  return (
    <form onSubmit={submit} noValidate className="app-note-form">
      <ActionErrors error={mutation.error} fieldIds={{ text: "note-text" }} extra={!mutation.error && missing && !text.trim() ? [{ href: "note-text", message: "Enter the note" }] : []} />
      <TextareaField id="note-text" name="text" label="Add a note to the timeline" labelClass="govuk-label--s" error={error} value={text} onChange={(v) => { setText(v); mutation.reset(); }} />
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={mutation.pending} aria-disabled={mutation.pending}>
        Add note
      </button>
    </form>
  );
}
