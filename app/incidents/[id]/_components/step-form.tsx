"use client";

import { useMemo, useState, type FormEvent } from "react";
import type { StepView } from "@/lib/incidents/incident-view";
import { checkStepInputs } from "@/lib/ui/check-step-inputs";
import { describeFormFields } from "@/lib/ui/describe-form-fields";
import type { FormValue, FormValues } from "@/lib/ui/form-values";
import { initialFormValues } from "@/lib/ui/initial-form-values";
import { OPTION_LABELS } from "@/lib/ui/field-labels";
import { RadiosField } from "@/app/_components/form/radios-field";
import { TextField } from "@/app/_components/form/text-field";
import { TextareaField } from "@/app/_components/form/textarea-field";
import { TypedTimeField } from "@/app/_components/form/typed-time-field";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { confirmStepAction, retryStepAction, startStepAction } from "../../actions";
import { ActionErrors, issueFor } from "./action-errors";
import { useRun } from "./run-context";

export type StepFormMode = "start" | "retry" | "by-hand" | "decide";

const SUCCESS: Record<StepFormMode, (title: string, awaiting: boolean) => string> = {
  start: (t, awaiting) => (awaiting ? `${t}: approval requested. A second incident lead must approve it.` : `${t}: started.`),
  retry: (t, awaiting) => (awaiting ? `${t}: approval requested again.` : `${t}: started again.`),
  "by-hand": (t) => `${t}: recorded as done by hand. The console is checking the result.`,
  decide: (t) => `${t}: decision recorded.`,
};

/**
 * A step's inputs, checked as they are typed with the step's own schema, what the step will do with them in
 * plain words, the typed confirmation for production, and the button. Used to start, retry, record a decision,
 * or confirm work done by hand.
 */
export function StepForm({ step, mode, submitLabel, intro }: { step: StepView; mode: StepFormMode; submitLabel: string; intro?: string }) {
  const { view, afterAction } = useRun();
  const fields = useMemo(() => describeFormFields({ stepId: step.id, jsonSchema: step.input.jsonSchema }), [step.id, step.input.jsonSchema]);
  const [values, setValues] = useState<FormValues>(() =>
    initialFormValues({ fields, previous: mode === "start" && step.state === "ready" ? null : step.inputs, defaults: step.input.defaults }),
  );
  const [confirmation, setConfirmation] = useState("");
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [clientErrors, setClientErrors] = useState<{ href?: string; message: string }[]>([]);
  const check = checkStepInputs({ view, stepId: step.id, fields, values, now: new Date() });
  const needsConfirmation = step.needsApproval && (mode === "start" || mode === "retry");
  const idOf = (name: string) => `${step.id}-${mode}-${name}`;
  const fieldIds = Object.fromEntries([...fields.map((f) => [f.name, idOf(f.name)]), ["confirmation", idOf("confirmation")]]);

  const send = (input: { incidentId: string; stepId: string; inputs: Record<string, unknown>; confirmation?: string }) =>
    mode === "start" ? startStepAction(input) : mode === "retry" ? retryStepAction(input) : confirmStepAction({ incidentId: input.incidentId, stepId: input.stepId, inputs: input.inputs });
  const mutation = useActionMutation(send, {
    onSuccess: async (data) => {
      await afterAction({ stepId: step.id, message: SUCCESS[mode](step.title, data.state === "awaiting_approval") });
    },
  });

  const set = (name: string, value: FormValue) => {
    setValues((v) => ({ ...v, [name]: value }));
    mutation.reset();
  };
  const blur = (name: string) => setTouched((t) => ({ ...t, [name]: true }));
  const fieldError = (name: string) => issueFor(mutation.error, name) ?? (submitted || touched[name] ? (check.ok ? undefined : check.fieldErrors[name]) : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const problems: { href?: string; message: string }[] = [];
    if (!check.ok) {
      for (const [name, message] of Object.entries(check.fieldErrors)) problems.push({ href: idOf(name), message });
      for (const message of check.formErrors) problems.push({ message });
    }
    if (needsConfirmation && confirmation.trim() !== view.environment.key) {
      problems.push({ href: idOf("confirmation"), message: `Type ${view.environment.key} to confirm this change to ${view.environment.label}` });
    }
    setClientErrors(problems);
    if (problems.length) return;
    mutation.run({ incidentId: view.id, stepId: step.id, inputs: check.inputs, ...(needsConfirmation ? { confirmation: confirmation.trim() } : {}) });
  };

  const confirmationError =
    issueFor(mutation.error, "confirmation") ??
    (submitted && needsConfirmation && confirmation.trim() !== view.environment.key ? `Type ${view.environment.key} to confirm this change to ${view.environment.label}` : undefined);

  return (
    <form onSubmit={submit} noValidate className="app-step-form" data-testid={`${step.id}-${mode}-form`}>
      <ActionErrors error={mutation.error} fieldIds={fieldIds} extra={mutation.error ? [] : clientErrors} testId={`${step.id}-${mode}-errors`} />
      {intro && <p className="govuk-body">{intro}</p>}
      {fields.map((field) => {
        const id = idOf(field.name);
        const value = values[field.name] ?? "";
        if (field.kind === "time") {
          const time = typeof value === "string" ? { time: value, zone: "uk" as const } : value;
          return (
            <TypedTimeField
              key={field.name}
              id={id}
              name={field.name}
              label={field.label}
              hint={field.hint}
              value={time}
              error={fieldError(field.name)}
              problem={check.ok ? undefined : check.fieldErrors[field.name]}
              onChange={(v) => set(field.name, v)}
              onBlur={() => blur(field.name)}
            />
          );
        }
        const text = typeof value === "string" ? value : value.time;
        if (field.kind === "choice") {
          return (
            <RadiosField
              key={field.name}
              id={id}
              name={`${id}-choice`}
              legend={field.label}
              hint={field.hint}
              error={fieldError(field.name)}
              options={(field.options ?? []).map((o) => ({ value: o, label: OPTION_LABELS[o] ?? o }))}
              value={text}
              onChange={(v) => set(field.name, v)}
            />
          );
        }
        if (field.kind === "textarea") {
          return <TextareaField key={field.name} id={id} name={field.name} label={field.label} hint={field.hint} error={fieldError(field.name)} value={text} onChange={(v) => set(field.name, v)} onBlur={() => blur(field.name)} rows={4} />;
        }
        return (
          <TextField
            key={field.name}
            id={id}
            name={field.name}
            label={field.label}
            hint={field.hint}
            error={fieldError(field.name)}
            value={text}
            inputMode={field.kind === "integer" ? "numeric" : undefined}
            widthClass={field.kind === "integer" ? "govuk-input--width-4" : "govuk-!-width-three-quarters"}
            onChange={(v) => set(field.name, v)}
            onBlur={() => blur(field.name)}
          />
        );
      })}

      <WhatItWillDo step={step} mode={mode} check={check} />

      {needsConfirmation && (
        <>
          <div className="govuk-inset-text app-approval-note">
            This changes <strong>{view.environment.label}</strong>. After you confirm, a second incident lead must approve the request before anything
            is sent. Their approval is for exactly these inputs: changing an input asks again.
          </div>
          <TextField
            id={idOf("confirmation")}
            name="confirmation"
            label={`To confirm, type the environment's name: ${view.environment.key}`}
            labelClass="govuk-label--s"
            error={confirmationError}
            value={confirmation}
            widthClass="govuk-input--width-20"
            onChange={(v) => {
              setConfirmation(v);
              mutation.reset();
            }}
          />
        </>
      )}

      <button type="submit" className={`govuk-button${mode === "by-hand" ? " govuk-button--secondary" : ""}${check.ok && check.operation?.destructive ? " govuk-button--warning" : ""}`} disabled={mutation.pending} aria-disabled={mutation.pending}>
        {mutation.pending ? "Sending…" : submitLabel}
        <span className="govuk-visually-hidden">: {step.title}</span>
      </button>
    </form>
  );
}

function WhatItWillDo({ step, mode, check }: { step: StepView; mode: StepFormMode; check: ReturnType<typeof checkStepInputs> }) {
  if (mode === "decide") return null;
  if (mode === "by-hand") {
    return (
      <div className="govuk-inset-text">
        The console sends nothing: it checks the result{step.verifiedBy ? `. ${step.verifiedBy}` : "."}
      </div>
    );
  }
  if (!check.ok) {
    return <div className="govuk-inset-text">Correct the inputs above to see exactly what this step will do.</div>;
  }
  if (!check.operation) return null;
  return (
    <div className="app-what-it-does" data-testid={`${step.id}-what-it-does`}>
      <h4 className="govuk-heading-s govuk-!-margin-bottom-2">What this will do</h4>
      <ul className="govuk-list govuk-list--bullet">
        {check.operation.actions.map((a) => (
          <li key={a}>{a}</li>
        ))}
      </ul>
      {step.verifiedBy && <p className="govuk-body-s">Then the console checks: {step.verifiedBy}</p>}
      {check.operation.destructive && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This removes, stops or overwrites something. Read the list above before you continue.
          </strong>
        </div>
      )}
    </div>
  );
}
