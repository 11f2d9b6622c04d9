"use client";

import { useState, type FormEvent } from "react";
import type { StepView } from "@/lib/incidents/incident-view";
import { TextareaField } from "@/app/_components/form/textarea-field";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { confirmStepAction } from "../../actions";
import { ActionErrors, issueFor } from "./action-errors";
import { useRun } from "./run-context";

/** A manual step: the person confirms they did it, with an optional note for the timeline. */
export function ManualConfirmForm({ step }: { step: StepView }) {
  const { view, afterAction } = useRun();
  const [note, setNote] = useState("");
  const id = `${step.id}-confirm-note`;
  const mutation = useActionMutation(confirmStepAction, {
    onSuccess: () => afterAction({ stepId: step.id, message: `${step.title}: confirmed as done.` }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.run({ incidentId: view.id, stepId: step.id, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <form onSubmit={submit} noValidate data-testid={`${step.id}-confirm-form`}>
      <ActionErrors error={mutation.error} fieldIds={{ note: id }} />
      <TextareaField
        id={id}
        name="note"
        label="Note (optional)"
        hint="For the timeline and the report: where, who, anything worth knowing."
        error={issueFor(mutation.error, "note")}
        value={note}
        onChange={(v) => {
          setNote(v);
          mutation.reset();
        }}
      />
      <button type="submit" className="govuk-button" disabled={mutation.pending} aria-disabled={mutation.pending}>
        {mutation.pending ? "Sending…" : "Confirm it is done"}
        <span className="govuk-visually-hidden">: {step.title}</span>
      </button>
    </form>
  );
}
