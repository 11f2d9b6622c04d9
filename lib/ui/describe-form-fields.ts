import { FIELD_LABELS } from "./field-labels";

export type FormFieldKind = "time" | "integer" | "choice" | "text" | "textarea";

export interface FormField {
  name: string;
  kind: FormFieldKind;
  label: string;
  hint?: string;
  /** What to say when it is required and empty. */
  missing: string;
  required: boolean;
  options?: string[];
  min?: number;
  max?: number;
}

interface JsonSchemaProperty {
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchemaProperty[];
  properties?: Record<string, JsonSchemaProperty>;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  title?: string;
  description?: string;
}

const humanise = (name: string) => {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** A typed-time field: a string, or { time, zone } (lib/runbooks/inputs.ts typedTimeField). */
function isTypedTime(p: JsonSchemaProperty): boolean {
  return Boolean(p.anyOf?.some((a) => a.type === "object" && a.properties?.time && a.properties?.zone));
}

/** The form fields of a step, from the JSON Schema of its zod input schema (lib/incidents/describe-step-inputs.ts). */
export function describeFormFields(options: { stepId: string; jsonSchema: unknown }): FormField[] {
  const schema = (options.jsonSchema ?? {}) as { properties?: Record<string, JsonSchemaProperty>; required?: string[] };
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, p]) => {
    const words = FIELD_LABELS[`${options.stepId}.${name}`] ?? FIELD_LABELS[name];
    const label = p.title ?? words?.label ?? humanise(name);
    const hint = p.description ?? words?.hint;
    const missing = words?.missing ?? `Enter the ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
    const base = { name, label, ...(hint ? { hint } : {}), missing, required: required.has(name) };
    if (isTypedTime(p)) return { ...base, kind: "time" };
    if (p.enum && p.enum.every((v) => typeof v === "string")) return { ...base, kind: "choice", options: p.enum as string[] };
    if (p.type === "integer" || p.type === "number") {
      return { ...base, kind: "integer", ...(p.minimum !== undefined ? { min: p.minimum } : {}), ...(p.maximum !== undefined ? { max: p.maximum } : {}) };
    }
    return { ...base, kind: p.maxLength !== undefined && p.maxLength > 500 ? "textarea" : "text" };
  });
}
