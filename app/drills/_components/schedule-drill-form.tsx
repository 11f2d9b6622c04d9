"use client";

import { DateTime } from "luxon";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { RadiosField } from "@/app/_components/form/radios-field";
import { TextareaField } from "@/app/_components/form/textarea-field";
import { TextField } from "@/app/_components/form/text-field";
import { TypedTimeField, type TypedTimeValue } from "@/app/_components/form/typed-time-field";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { previewTypedTime } from "@/lib/ui/preview-typed-time";
import { scheduleDrillAction } from "../actions";
import { ActionErrorSummary, fieldIssue } from "./action-error-summary";

const FIELD_IDS = { scenarios: "drill-scenarios", environment: "drill-environment", scheduledAt: "drill-at", durationMinutes: "drill-duration", participants: "drill-participants", notes: "drill-notes" };

/** Schedule a DR test: the date and time typed in UK time (UTC shown as you type), scenarios, environment, people. */
export function ScheduleDrillForm({ scenarios, environments }: { scenarios: { id: string; title: string }[]; environments: { key: string; label: string; hint?: string }[] }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<string[]>([]);
  const [environment, setEnvironment] = useState("");
  const [at, setAt] = useState<TypedTimeValue>({ time: "", zone: "uk" });
  const [duration, setDuration] = useState("120");
  const [participants, setParticipants] = useState("");
  const [notes, setNotes] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useActionMutation(scheduleDrillAction, {
    onSuccess: (data) => {
      const preview = previewTypedTime({ time: at.time, zone: at.zone, label: "Date and time" });
      // The calendar shows UK dates: open it on the month of the test in UK time.
      const month = preview.state === "ok" ? DateTime.fromISO(preview.utc).setZone("Europe/London").toFormat("yyyy-MM") : "";
      router.push(`/drills?scheduled=${data.id}${month ? `&month=${month}` : ""}#calendar`);
      router.refresh();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (chosen.length === 0) problems.scenarios = "Select at least one scenario";
    if (!environment) problems.environment = "Select the environment";
    const preview = previewTypedTime({ time: at.time, zone: at.zone, label: "Date and time" });
    if (preview.state === "empty") problems.scheduledAt = "Enter the date and time of the DR test";
    if (preview.state === "invalid") problems.scheduledAt = preview.message;
    setErrors(problems);
    if (Object.keys(problems).length) return;
    mutation.run({ scenarios: chosen, environment, scheduledAt: { time: at.time.trim(), zone: at.zone }, durationMinutes: duration, participants, notes });
  };
  const shown = (field: keyof typeof FIELD_IDS) => errors[field] ?? fieldIssue(mutation.error, field);
  const local = Object.entries(errors).map(([k, message]) => ({ href: FIELD_IDS[k as keyof typeof FIELD_IDS], message }));

  return (
    <form onSubmit={submit} noValidate data-testid="schedule-drill-form">
      <ActionErrorSummary error={mutation.error} fieldIds={FIELD_IDS} local={local} />
      <div className={`govuk-form-group${shown("scenarios") ? " govuk-form-group--error" : ""}`}>
        <fieldset className="govuk-fieldset" aria-describedby={`${FIELD_IDS.scenarios}-hint${shown("scenarios") ? ` ${FIELD_IDS.scenarios}-error` : ""}`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Scenarios to test</legend>
          <div id={`${FIELD_IDS.scenarios}-hint`} className="govuk-hint">
            Select all that apply.
          </div>
          {shown("scenarios") && (
            <p id={`${FIELD_IDS.scenarios}-error`} className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {shown("scenarios")}
            </p>
          )}
          <div className="govuk-checkboxes govuk-checkboxes--small">
            {scenarios.map((s, index) => {
              const id = index === 0 ? FIELD_IDS.scenarios : `${FIELD_IDS.scenarios}-${index + 1}`;
              return (
                <div className="govuk-checkboxes__item" key={s.id}>
                  <input
                    className="govuk-checkboxes__input"
                    id={id}
                    name="scenarios"
                    type="checkbox"
                    value={s.id}
                    checked={chosen.includes(s.id)}
                    onChange={(e) => setChosen(e.target.checked ? [...chosen, s.id] : chosen.filter((c) => c !== s.id))}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                    {s.title}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <RadiosField
        id={FIELD_IDS.environment}
        name="environment"
        legend="Environment"
        error={shown("environment")}
        options={environments.map((e) => ({ value: e.key, label: e.label, hint: e.hint }))}
        value={environment}
        onChange={setEnvironment}
        small
      />
      <TypedTimeField
        id={FIELD_IDS.scheduledAt}
        name="scheduledAt"
        label="Date and time"
        hint="In UK time (GMT or BST): the UTC time is shown as you type."
        error={shown("scheduledAt")}
        value={at}
        onChange={setAt}
      />
      <TextField
        id={FIELD_IDS.durationMinutes}
        name="durationMinutes"
        label="Expected length, in minutes"
        inputMode="numeric"
        widthClass="govuk-input--width-4"
        error={shown("durationMinutes")}
        value={duration}
        onChange={setDuration}
      />
      <TextareaField id={FIELD_IDS.participants} name="participants" label="Participants (optional)" hint="One name per line, or separated by commas." error={shown("participants")} value={participants} onChange={setParticipants} />
      <TextareaField id={FIELD_IDS.notes} name="notes" label="Notes (optional)" error={shown("notes")} value={notes} onChange={setNotes} />
      <button type="submit" className="govuk-button" disabled={mutation.pending} aria-disabled={mutation.pending}>
        {mutation.pending ? "Scheduling…" : "Schedule the DR test"}
      </button>
    </form>
  );
}
