import type { FormField } from "./describe-form-fields";
import type { FormValues } from "./form-values";

/**
 * The inputs sent to the server: empty fields are left out (so a required one is reported missing, and an
 * optional one takes its default); times go as { time, zone } for the server to convert.
 */
export function toStepInputs(options: { fields: FormField[]; values: FormValues }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of options.fields) {
    const value = options.values[field.name];
    if (value === undefined) continue;
    if (typeof value === "string") {
      if (value.trim() !== "") out[field.name] = value;
    } else if (value.time.trim() !== "") {
      out[field.name] = { time: value.time.trim(), zone: value.zone };
    }
  }
  return out;
}
