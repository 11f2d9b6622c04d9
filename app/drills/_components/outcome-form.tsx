"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useAnnounce } from "@/app/_components/announcer";
import { RadiosField } from "@/app/_components/form/radios-field";
import { TextareaField } from "@/app/_components/form/textarea-field";
import { TextField } from "@/app/_components/form/text-field";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { recordDrillOutcomeAction } from "../actions";
import { ActionErrorSummary, fieldIssue } from "./action-error-summary";

/**
 * The DR test's post-scenario record (the DR test template): outcome, time taken, issues (pre-filled from the
 * report), the report attached; it also updates the service list with the date and status.
 */
export function OutcomeForm(props: { drillId: string; incidentId: string | null; scenario: { id: string; title: string }; suggestedMinutes: number | null; suggestedIssues: string }) {
  const router = useRouter();
  const announce = useAnnounce();
  const prefix = `outcome-${props.incidentId?.slice(0, 8) ?? props.scenario.id}`;
  const ids = { result: `${prefix}-result`, timeTakenMinutes: `${prefix}-minutes`, issues: `${prefix}-issues` };
  const [result, setResult] = useState("");
  const [minutes, setMinutes] = useState(props.suggestedMinutes === null ? "" : String(props.suggestedMinutes));
  const [issues, setIssues] = useState(props.suggestedIssues);
  const [attach, setAttach] = useState(props.incidentId !== null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const mutation = useActionMutation(recordDrillOutcomeAction, {
    onSuccess: () => {
      announce(`Outcome of ${props.scenario.title} recorded, and the service list updated.`);
      router.refresh();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!result) problems.result = "Select whether the test succeeded or failed";
    if (!/^\d+$/.test(minutes.trim())) problems.timeTakenMinutes = "Enter the time taken in whole minutes";
    setLocal(problems);
    if (Object.keys(problems).length) return;
    mutation.run({ drillId: props.drillId, ...(props.incidentId ? { incidentId: props.incidentId } : {}), scenario: props.scenario.id, result, timeTakenMinutes: minutes.trim(), issues, attachReport: attach });
  };
  const shown = (field: keyof typeof ids) => local[field] ?? fieldIssue(mutation.error, field);
  return (
    <form onSubmit={submit} noValidate data-testid={`${prefix}-form`}>
      <ActionErrorSummary error={mutation.error} fieldIds={ids} local={Object.entries(local).map(([k, message]) => ({ href: ids[k as keyof typeof ids], message }))} />
      <RadiosField id={ids.result} name={`${prefix}-result`} legend={`Outcome of ${props.scenario.title}`} error={shown("result")} options={[{ value: "success", label: "Success" }, { value: "fail", label: "Fail" }]} value={result} onChange={setResult} inline small />
      <TextField id={ids.timeTakenMinutes} name="timeTakenMinutes" label="Time taken, in minutes" hint="From the report's measured time taken." inputMode="numeric" widthClass="govuk-input--width-5" error={shown("timeTakenMinutes")} value={minutes} onChange={setMinutes} />
      <TextareaField id={ids.issues} name="issues" label="Issues" hint="Problems met, from the report; add anything else." rows={5} error={shown("issues")} value={issues} onChange={setIssues} />
      {props.incidentId && (
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id={`${prefix}-attach`} type="checkbox" checked={attach} onChange={(e) => setAttach(e.target.checked)} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`${prefix}-attach`}>
                Attach the report (its JSON export, as it is now)
              </label>
            </div>
          </div>
        </div>
      )}
      <button type="submit" className="govuk-button" disabled={mutation.pending} aria-disabled={mutation.pending}>
        Record the outcome
      </button>
    </form>
  );
}
