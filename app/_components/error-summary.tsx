"use client";

import { useEffect, useRef } from "react";

export interface ErrorSummaryItem {
  /** The id of the field the message is about; none for a message about the whole form. */
  href?: string;
  message: string;
}

/**
 * GOV.UK error summary. Takes focus when it appears or its messages change (the GOV.UK pattern), so keyboard and
 * screen-reader users land on what went wrong; each message links to its field.
 */
export function ErrorSummary({ title = "There is a problem", items, testId }: { title?: string; items: ErrorSummaryItem[]; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = items.map((i) => `${i.href ?? ""}:${i.message}`).join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (items.length === 0) return null;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1} data-testid={testId}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {items.map((item, index) => (
              <li key={`${item.href ?? ""}-${index}`}>
                {item.href ? (
                  <a
                    href={`#${item.href}`}
                    onClick={(event) => {
                      const target = document.getElementById(item.href!);
                      if (!target) return;
                      event.preventDefault();
                      target.scrollIntoView({ block: "center" });
                      target.focus();
                    }}
                  >
                    {item.message}
                  </a>
                ) : (
                  item.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
