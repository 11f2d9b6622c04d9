import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { sharedReferencePath } from "@/lib/config/shared-reference";

/**
 * Checks what the GitHub stand-in answers against the contract (../shared/contracts/github, a subset of GitHub's
 * published OpenAPI description) with ajv: a response body must match the schema the contract gives for that
 * operation and status.
 */

const CONTRACT = sharedReferencePath("contracts", "github", "api.github.com.subset.json");

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let ajv: Ajv | undefined;

function validator(): Ajv {
  if (!ajv) {
    const spec = JSON.parse(readFileSync(CONTRACT, "utf8")) as Record<string, unknown>;
    // OpenAPI 3.0 keywords that are not JSON Schema (x-*, example, discriminator) are annotations here.
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat("int64", true);
    ajv.addSchema({ ...spec, $id: "github" });
  }
  return ajv;
}

const pointer = (segment: string) => encodeURIComponent(segment.replace(/~/g, "~0").replace(/\//g, "~1"));

export class ContractViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContractViolation";
  }
}

/** Throws ContractViolation (with ajv's errors) unless `body` matches the contract's response schema. */
export function assertMatchesContract(options: { method: "get" | "put" | "patch" | "post" | "delete"; path: string; status: number; body: unknown }): void {
  const ref = `github#/paths/${pointer(options.path)}/${options.method}/responses/${options.status}/content/${pointer("application/json")}/schema`;
  const validate = validator().getSchema(ref) ?? validator().compile({ $ref: ref });
  if (!validate(options.body)) {
    throw new ContractViolation(`${options.method.toUpperCase()} ${options.path} ${options.status}: ${validator().errorsText(validate.errors, { separator: "\n" })}`);
  }
}

/** Same, for a named component schema (e.g. "basic-error"). */
export function assertMatchesSchema(name: string, body: unknown): void {
  const ref = `github#/components/schemas/${pointer(name)}`;
  const validate = validator().getSchema(ref) ?? validator().compile({ $ref: ref });
  if (!validate(body)) throw new ContractViolation(`${name}: ${validator().errorsText(validate.errors, { separator: "\n" })}`);
}
