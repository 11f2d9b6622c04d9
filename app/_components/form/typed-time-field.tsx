"use client";

import { previewTypedTime } from "@/lib/ui/preview-typed-time";

export interface TypedTimeValue {
  time: string;
  zone: "uk" | "utc";
}

/**
 * A time typed in UK local time or UTC, the clock said with two radios. As the person types, it is read back on
 * both clocks (the server's own parser, lib/time), or the reason it is refused is given: not a time, a UK time
 * that the clock change skipped or repeated, or outside the step's window (`problem`, from the step's schema).
 * The read-back is a polite live region, so it is heard without moving focus.
 */
export function TypedTimeField(props: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  /** Shown in red, after the field was left or the form sent (GOV.UK: do not shout while people type). */
  error?: string;
  /** The schema's objection to a well-formed time (a restore window), said in the read-back at once. */
  problem?: string;
  value: TypedTimeValue;
  onChange(value: TypedTimeValue): void;
  onBlur?(): void;
  optionalText?: string;
}) {
  const preview = previewTypedTime({ time: props.value.time, zone: props.value.zone, label: props.label });
  const describedBy = [`${props.id}-hint`, props.error ? `${props.id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`govuk-form-group${props.error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{props.label}</legend>
        <div id={`${props.id}-hint`} className="govuk-hint">
          {props.hint ? `${props.hint} ` : ""}Write it like 2026-07-24 07:00 or 2026-07-24T07:00:30.{props.optionalText ? ` ${props.optionalText}` : ""}
        </div>
        {props.error && (
          <p id={`${props.id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {props.error}
          </p>
        )}
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor={props.id}>
            Date and time
          </label>
          <input
            className={`govuk-input govuk-input--width-20${props.error ? " govuk-input--error" : ""}`}
            id={props.id}
            name={`${props.name}.time`}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={props.value.time}
            aria-describedby={`${props.id}-preview`}
            onChange={(e) => props.onChange({ ...props.value, time: e.target.value })}
            onBlur={props.onBlur}
          />
        </div>
        <div className="govuk-radios govuk-radios--inline govuk-radios--small">
          {(
            [
              ["uk", "UK time (GMT or BST)"],
              ["utc", "UTC"],
            ] as const
          ).map(([zone, label]) => (
            <div className="govuk-radios__item" key={zone}>
              <input
                className="govuk-radios__input"
                id={`${props.id}-zone-${zone}`}
                name={`${props.name}.zone`}
                type="radio"
                value={zone}
                checked={props.value.zone === zone}
                onChange={() => props.onChange({ ...props.value, zone })}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={`${props.id}-zone-${zone}`}>
                {label}
              </label>
            </div>
          ))}
        </div>
        <div id={`${props.id}-preview`} className="app-time-preview" aria-live="polite" data-testid={`${props.id}-preview`}>
          {preview.state === "ok" && (
            <>
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                {preview.explicitOffset ? "Taken as written (it carries its own offset): " : "That is: "}
                <strong>{preview.utcText}</strong>, which is <strong>{preview.ukText}</strong> in UK time.
              </p>
              {props.problem && (
                <p className="govuk-body-s app-time-preview__problem govuk-!-margin-bottom-0">Not accepted: {props.problem}</p>
              )}
            </>
          )}
          {preview.state === "invalid" && <p className="govuk-body-s app-time-preview__problem govuk-!-margin-bottom-0">Not accepted: {preview.message}</p>}
        </div>
      </fieldset>
    </div>
  );
}
