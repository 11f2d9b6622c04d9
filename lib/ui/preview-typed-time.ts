import { ValidationError } from "../errors";
import { parseUkOrUtcTime } from "../time/parse-uk-or-utc-time";

export type TimePreview =
  | { state: "empty" }
  | { state: "ok"; utc: string; utcText: string; ukText: string; explicitOffset: boolean }
  | { state: "invalid"; message: string };

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A typed time read back on both clocks as the person types (the same parser the server uses, lib/time), or why
 * it is refused: not a date, a UK time skipped or repeated when the clocks change.
 */
export function previewTypedTime(options: { time: string; zone: "uk" | "utc"; label: string }): TimePreview {
  const text = options.time.trim();
  if (!text) return { state: "empty" };
  try {
    const parsed = parseUkOrUtcTime({ text, zone: options.zone, field: options.label.toLowerCase() });
    return { state: "ok", utc: parsed.utc, utcText: parsed.utcText, ukText: parsed.ukText, explicitOffset: OFFSET.test(text) };
  } catch (error) {
    if (error instanceof ValidationError) return { state: "invalid", message: error.message };
    throw error;
  }
}
