"use client";

import { useState, type FormEvent } from "react";
import { RadiosField } from "@/app/_components/form/radios-field";
import { TextareaField } from "@/app/_components/form/textarea-field";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { closeIncidentAction } from "../../actions";
import { ActionErrors, issueFor } from "./action-errors";
import { useRun } from "./run-context";

/** Closing an incident (an incident lead): resolved, or abandoned with a reason; unfinished steps need one too. */
export function CloseIncidentForm() {
  const { view, afterAction } = useRun();
  const [status, setStatus] = useState<"resolved" | "abandoned">("resolved");
  const [reason, setReason] = useState("");
  const mutation = useActionMutation(closeIncidentAction, {
    onSuccess: (data) => afterAction({ focusId: "incident-status", message: `The incident is closed as ${data.status}.` }),
  });
  if (view.status !== "open") return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.run({ incidentId: view.id, status, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  };
  return (
    <section aria-labelledby="close-heading" className="app-close">
      <h2 className="govuk-heading-m" id="close-heading">
        Close the {view.mode === "drill" ? "drill" : "incident"}
      </h2>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Close this {view.mode === "drill" ? "drill" : "incident"}</span>
        </summary>
        <div className="govuk-details__text">
          <form onSubmit={submit} noValidate>
            <ActionErrors error={mutation.error} fieldIds={{ reason: "close-reason", status: "close-status" }} />
            <RadiosField
              id="close-status"
              name="status"
              legend="How did it end?"
              options={[
                { value: "resolved", label: "Resolved: the service is back" },
                { value: "abandoned", label: "Abandoned" },
              ]}
              value={status}
              onChange={(v) => setStatus(v === "abandoned" ? "abandoned" : "resolved")}
            />
            <TextareaField id="close-reason" name="reason" label="Reason" hint="Needed when abandoning, or when steps are not done." error={issueFor(mutation.error, "reason")} value={reason} onChange={(v) => { setReason(v); mutation.reset(); }} />
            <button type="submit" className="govuk-button govuk-button--warning" disabled={mutation.pending} aria-disabled={mutation.pending}>
              Close the {view.mode === "drill" ? "drill" : "incident"}
            </button>
          </form>
        </div>
      </details>
    </section>
  );
}
