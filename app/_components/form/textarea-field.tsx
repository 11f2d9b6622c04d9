"use client";

/** GOV.UK textarea with label, hint and error message. */
export function TextareaField(props: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  rows?: number;
  labelClass?: string;
}) {
  const describedBy = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${props.error ? " govuk-form-group--error" : ""}`}>
      <label className={`govuk-label ${props.labelClass ?? ""}`.trim()} htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <div id={`${props.id}-hint`} className="govuk-hint">
          {props.hint}
        </div>
      )}
      {props.error && (
        <p id={`${props.id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {props.error}
        </p>
      )}
      <textarea
        className={`govuk-textarea${props.error ? " govuk-textarea--error" : ""}`}
        id={props.id}
        name={props.name}
        rows={props.rows ?? 3}
        value={props.value}
        aria-describedby={describedBy}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
      />
    </div>
  );
}
