import { z } from "zod";

/**
 * The input side of a step's zod schema as JSON Schema (for forms and the OpenAPI document), and the default of
 * each field (catalogue values, earlier steps' outputs). Typed-time fields give their default as
 * { utc, typed, zone }: a form shows `typed` on the `zone` clock.
 */
export function describeStepInputs(schema: z.ZodType): { jsonSchema: unknown; defaults: Record<string, unknown> } {
  const jsonSchema = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  const defaults: Record<string, unknown> = {};
  if (schema instanceof z.ZodObject) {
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const parsed = field.safeParse(undefined);
      if (parsed.success && parsed.data !== undefined) defaults[key] = parsed.data;
    }
  }
  return { jsonSchema, defaults };
}
