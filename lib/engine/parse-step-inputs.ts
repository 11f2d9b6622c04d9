import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/canonical-json";
import { ValidationError } from "../errors";
import type { StepContext, StepDefinition } from "../runbooks/types";

/** Validates a step's inputs against its schema (catalogue defaults filled in); ValidationError names each field. */
export function parseStepInputs(options: { definition: StepDefinition; context: StepContext; inputs: unknown }): Record<string, unknown> {
  const schema = options.definition.inputs(options.context);
  const result = schema.safeParse(options.inputs ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  throw new ValidationError(`The inputs of "${options.definition.title}" are not valid: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join(" ")}`, issues);
}

/** The hash an approval is bound to: any change of input gives another hash. */
export function hashInputs(inputs: Record<string, unknown>): string {
  return createHash("sha256").update(canonicalJson(inputs)).digest("hex");
}
