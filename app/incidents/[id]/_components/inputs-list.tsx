import { describeInstant } from "@/lib/time/describe-instant";
import { FIELD_LABELS, OPTION_LABELS } from "@/lib/ui/field-labels";

/** A step's inputs or outputs as a summary list (times on both clocks, with what was typed). */
export function InputsList({ inputs, stepId, title }: { inputs: unknown; stepId?: string; title?: string }) {
  if (!inputs || typeof inputs !== "object" || Array.isArray(inputs) || Object.keys(inputs).length === 0) return null;
  return (
    <>
      {title && <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{title}</p>}
      <dl className="govuk-summary-list govuk-summary-list--no-border app-summary-list--compact">
        {Object.entries(inputs as Record<string, unknown>).map(([key, value]) => (
          <div className="govuk-summary-list__row" key={key}>
            <dt className="govuk-summary-list__key">{(stepId && FIELD_LABELS[`${stepId}.${key}`]?.label) ?? FIELD_LABELS[key]?.label ?? key}</dt>
            <dd className="govuk-summary-list__value">{show(value)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "string") return OPTION_LABELS[value] ?? value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object" && "utc" in value && "typed" in value) {
    const t = value as { utc: string; typed: string; zone: string };
    return `${describeInstant({ instant: t.utc }).text}; typed as ${t.typed} (${t.zone === "uk" ? "UK time" : "UTC"})`;
  }
  return JSON.stringify(value);
}
