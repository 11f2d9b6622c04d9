"use client";

import type { ReactNode } from "react";

export interface RadioOption {
  value: string;
  label: string;
  hint?: ReactNode;
}

/**
 * GOV.UK radios in a fieldset. The first radio's id is `id` itself, so an error summary link to `#id` lands on it.
 */
export function RadiosField(props: {
  id: string;
  name: string;
  legend: string;
  legendClass?: string;
  hint?: ReactNode;
  error?: string;
  options: RadioOption[];
  value: string;
  onChange(value: string): void;
  small?: boolean;
  inline?: boolean;
}) {
  const describedBy = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${props.error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className={`govuk-fieldset__legend ${props.legendClass ?? "govuk-fieldset__legend--s"}`}>{props.legend}</legend>
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
        <div className={`govuk-radios${props.small ? " govuk-radios--small" : ""}${props.inline ? " govuk-radios--inline" : ""}`}>
          {props.options.map((option, index) => {
            const id = index === 0 ? props.id : `${props.id}-${index + 1}`;
            return (
              <div className="govuk-radios__item" key={option.value}>
                <input
                  className="govuk-radios__input"
                  id={id}
                  name={props.name}
                  type="radio"
                  value={option.value}
                  checked={props.value === option.value}
                  onChange={() => props.onChange(option.value)}
                  aria-describedby={option.hint ? `${id}-item-hint` : undefined}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={id}>
                  {option.label}
                </label>
                {option.hint && (
                  <div id={`${id}-item-hint`} className="govuk-hint govuk-radios__hint">
                    {option.hint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
