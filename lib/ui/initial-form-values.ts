import type { FormField } from "./describe-form-fields";
import type { FormValues } from "./form-values";

const isTypedTime = (v: unknown): v is { typed?: string; time?: string; utc?: string; zone?: string } => Boolean(v) && typeof v === "object";

/**
 * The values a step's form starts with: what the latest attempt used (a retry starts from it), else the defaults
 * from the catalogue and earlier steps. A stored time { utc, typed, zone } shows as typed, on its clock.
 */
export function initialFormValues(options: { fields: FormField[]; previous: unknown; defaults: Record<string, unknown> }): FormValues {
  const previous = options.previous && typeof options.previous === "object" ? (options.previous as Record<string, unknown>) : {};
  const out: FormValues = {};
  for (const field of options.fields) {
    const value = previous[field.name] ?? options.defaults[field.name];
    if (field.kind === "time") {
      if (isTypedTime(value)) {
        const zone = value.zone === "utc" ? "utc" : "uk";
        out[field.name] = { time: value.typed ?? value.time ?? value.utc ?? "", zone };
      } else {
        out[field.name] = { time: typeof value === "string" ? value : "", zone: "uk" };
      }
    } else {
      out[field.name] = value === undefined || value === null ? "" : String(value);
    }
  }
  return out;
}

