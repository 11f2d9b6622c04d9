"use client";

/** GOV.UK text input with label, hint and error message wired to it (aria-describedby). */
export function TextField(props: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  inputMode?: "numeric" | "text";
  widthClass?: string;
  autoComplete?: string;
  spellCheck?: boolean;
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
      <input
        className={`govuk-input ${props.widthClass ?? ""}${props.error ? " govuk-input--error" : ""}`.trim()}
        id={props.id}
        name={props.name}
        type="text"
        value={props.value}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? "off"}
        spellCheck={props.spellCheck ?? false}
        aria-describedby={describedBy}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
      />
    </div>
  );
}
