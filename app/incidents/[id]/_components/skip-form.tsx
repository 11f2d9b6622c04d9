"use client";

import { useState, type FormEvent } from "react";
import type { StepView } from "@/lib/incidents/incident-view";
import { TextareaField } from "@/app/_components/form/textarea-field";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { skipStepAction } from "../../actions";
import { ActionErrors, issueFor } from "./action-errors";
import { useRun } from "./run-context";

/** Skip an optional step, saying why (the reason goes on the timeline as a decision). */
export function SkipForm({ step }: { step: StepView }) {
  const { view, afterAction } = useRun();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const id = `${step.id}-skip-reason`;
  const mutation = useActionMutation(skipStepAction, {
    onSuccess: () => afterAction({ stepId: step.id, message: `${step.title}: skipped.` }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setMissing(true);
      return;
    }
    mutation.run({ incidentId: view.id, stepId: step.id, reason: reason.trim() });
  };
  const error = issueFor(mutation.error, "reason") ?? (missing && reason.trim().length < 3 ? "Enter why this step is skipped" : undefined);
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Skip this step (it is optional)</span>
      </summary>
      <div className="govuk-details__text">
        <form onSubmit={submit} noValidate>
          <ActionErrors error={mutation.error} fieldIds={{ reason: id }} extra={missing && !mutation.error && reason.trim().length < 3 ? [{ href: id, message: "Enter why this step is skipped" }] : []} />
          <TextareaField id={id} name="reason" label="Why is it skipped?" error={error} value={reason} onChange={(v) => { setReason(v); mutation.reset(); }} />
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={mutation.pending} aria-disabled={mutation.pending}>
            Skip this step<span className="govuk-visually-hidden">: {step.title}</span>
          </button>
        </form>
      </div>
    </details>
  );
}
