"use client";

import { useState, type FormEvent } from "react";
import { RadiosField } from "@/app/_components/form/radios-field";
import { TextareaField } from "@/app/_components/form/textarea-field";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { chooseBranchAction } from "../../actions";
import { ActionErrors, issueFor } from "./action-errors";
import { useRun } from "./run-context";

/** Scenarios with options (Scenario 1): the option followed, and changing it with a reason (an incident lead). */
export function BranchChooser() {
  const { view, afterAction } = useRun();
  const others = view.branches.filter((b) => !b.followed);
  const [branch, setBranch] = useState(others[0]?.id ?? "");
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const mutation = useActionMutation(chooseBranchAction, {
    onSuccess: async () => {
      setReason("");
      await afterAction({ focusId: "recovery-option-heading", message: "Recovery option changed. The steps of the other option were skipped." });
    },
  });
  if (view.branches.length === 0) return null;
  const followed = view.branches.find((b) => b.followed);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reason.trim().length < 3 || !branch) return;
    mutation.run({ incidentId: view.id, branch, reason: reason.trim() });
  };
  const reasonError = issueFor(mutation.error, "reason") ?? (tried && reason.trim().length < 3 ? "Enter why the option changes" : undefined);
  return (
    <section aria-labelledby="recovery-option-heading" className="app-branches">
      <h2 className="govuk-heading-m" id="recovery-option-heading" tabIndex={-1}>
        Recovery option
      </h2>
      <div className="govuk-inset-text">
        Following: <strong>{followed?.title ?? "none"}</strong>
        {followed && <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">{followed.guidance}</p>}
      </div>
      {view.status === "open" && others.length > 0 && (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Change the recovery option</span>
          </summary>
          <div className="govuk-details__text">
            <form onSubmit={submit} noValidate>
              <ActionErrors error={mutation.error} fieldIds={{ reason: "branch-reason", branch: "branch-choice" }} extra={!mutation.error && tried && reasonError ? [{ href: "branch-reason", message: reasonError }] : []} />
              <RadiosField
                id="branch-choice"
                name="branch"
                legend="Change to"
                options={others.map((b) => ({ value: b.id, label: b.title, hint: b.guidance }))}
                value={branch}
                onChange={setBranch}
              />
              <TextareaField id="branch-reason" name="reason" label="Why?" hint="For example: option 1 failed, or the deletion is more than 5 days ago." error={reasonError} value={reason} onChange={(v) => { setReason(v); mutation.reset(); }} />
              <button type="submit" className="govuk-button govuk-button--secondary" disabled={mutation.pending} aria-disabled={mutation.pending}>
                Change option
              </button>
            </form>
          </div>
        </details>
      )}
    </section>
  );
}
