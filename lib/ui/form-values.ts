import type { FormField } from "./describe-form-fields";

/** A form field's value as the person edits it: text, or a time with the clock it is on. */
export type FormValue = string | { time: string; zone: "uk" | "utc" };
export type FormValues = Record<string, FormValue>;
