import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2019, type ValidateFunction } from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { sharedReferencePath } from "@/lib/config/shared-reference";

/**
 * Validates what the ARM stand-in answers against the contract documents in ../shared/contracts (the Azure
 * REST API specs), with ajv. Swagger 2.0 schemas are JSON Schema with extensions; two adjustments make them
 * checkable as published:
 * - external $refs point at files by relative path; the copies here are re-addressed by id, and the common
 *   types of older versions (v2, v5: not copied) resolve to v6, whose Resource/TrackedResource/ErrorResponse
 *   are the same shapes;
 * - properties a definition does not declare are rejected (unevaluatedProperties), so a misspelt or invented
 *   field fails;
 * - with `openEnums`, `x-ms-enum.modelAsString` enums are the extensible strings AutoRest clients take them
 *   to be (the official examples use values outside some of them); without it every enum is closed.
 */

export const CONTRACTS_DIR = sharedReferencePath("contracts");

const PG = "azure-postgresql-flexible/specification";
const FILES = {
  types: `${PG}/common-types/resource-management/v6/types.json`,
  privatelinks: `${PG}/common-types/resource-management/v6/privatelinks.json`,
  pg2025: `${PG}/postgresql/resource-manager/Microsoft.DBforPostgreSQL/PostgreSQL/stable/2025-08-01/openapi.json`,
  pg2024: `${PG}/postgresql/resource-manager/Microsoft.DBforPostgreSQL/PostgreSQL/stable/2024-08-01/FlexibleServers.json`,
  diagnostics: "azure-monitor-diagnostic-settings/specification/monitor/resource-manager/Microsoft.Insights/Insights/preview/2021-05-01-preview/diagnosticsSettings_API.json",
} as const;

export const EXAMPLES_2025 = `${PG}/postgresql/DBforPostgreSQL.Management/examples/2025-08-01`;
export const DIAGNOSTIC_EXAMPLES = "azure-monitor-diagnostic-settings/specification/monitor/resource-manager/Microsoft.Insights";

export type ContractDocument = keyof typeof FILES;
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function readContract(relative: string): Json {
  const file = path.join(CONTRACTS_DIR, relative);
  if (!existsSync(file)) throw new Error(`Contract file missing: ${file} (the contracts live in ../shared/contracts beside the repository).`);
  return JSON.parse(readFileSync(file, "utf8")) as Json;
}

function targetId(ref: string): string | undefined {
  const file = ref.split("#")[0]!;
  if (/\/v\d+\/types\.json$/.test(file)) return "contract://types";
  if (/privatelinks\.json$/.test(file)) return "contract://privatelinks";
  return undefined;
}

/** Re-addresses external refs; drops the ones to files that were not copied (used by parameters only). */
function prepare(node: Json, openEnums: boolean): Json {
  if (Array.isArray(node)) return node.map((n) => prepare(n, openEnums));
  if (node === null || typeof node !== "object") return node;
  const out: { [k: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string" && !value.startsWith("#")) {
      const id = targetId(value);
      if (!id) continue;
      out.$ref = `${id}#${value.split("#")[1] ?? ""}`;
      continue;
    }
    out[key] = prepare(value, openEnums);
  }
  const xmsEnum = out["x-ms-enum"] as { modelAsString?: boolean } | undefined;
  if (openEnums && Array.isArray(out.enum) && xmsEnum?.modelAsString) delete out.enum;
  return out;
}

function collectAllOfTargets(node: Json, into: Set<string>): void {
  if (Array.isArray(node)) return node.forEach((n) => collectAllOfTargets(n, into));
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "allOf" && Array.isArray(value)) {
      for (const member of value) {
        const ref = (member as { $ref?: string }).$ref;
        if (ref) into.add(ref.split("/").at(-1)!);
      }
    }
    collectAllOfTargets(value, into);
  }
}

export class ContractValidator {
  private readonly ajv: Ajv2019;

  constructor(readonly options: { openEnums: boolean }) {
    this.ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    for (const f of ["int32", "int64", "double", "float", "password", "arm-id", "byte"]) this.ajv.addFormat(f, true);
    const documents = Object.fromEntries(Object.entries(FILES).map(([k, file]) => [k, readContract(file)])) as Record<ContractDocument, Json>;
    const allOfTargets = new Set<string>();
    for (const doc of Object.values(documents)) collectAllOfTargets(doc, allOfTargets);
    for (const [name, doc] of Object.entries(documents) as [ContractDocument, Json][]) {
      const prepared = prepare(doc, options.openEnums) as { [k: string]: Json };
      // A definition that others extend (allOf) cannot forbid their properties; the rest can.
      const definitions = (prepared.definitions ?? {}) as { [k: string]: { [k: string]: Json } };
      for (const [defName, def] of Object.entries(definitions)) {
        if (allOfTargets.has(defName) || def.additionalProperties !== undefined) continue;
        if (def.properties || def.allOf) def.unevaluatedProperties = false;
      }
      this.ajv.addSchema({ ...prepared, $id: `contract://${name}` } as object);
    }
  }

  /** The validator of a definition, e.g. ("pg2025", "Server"); the root allows no undeclared properties either. */
  validator(document: ContractDocument, definition: string): ValidateFunction {
    const key = `contract://${document}/${definition}/root`;
    const existing = this.ajv.getSchema(key);
    if (existing) return existing;
    this.ajv.addSchema({ $id: key, $ref: `contract://${document}#/definitions/${definition}`, unevaluatedProperties: false });
    return this.ajv.getSchema(key)!;
  }

  /** Problems found (empty when the value conforms). */
  check(document: ContractDocument, definition: string, value: unknown): string[] {
    const validate = this.validator(document, definition);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ""}`);
  }

  /** The response headers an operation declares for a status code. */
  static declaredHeaders(document: ContractDocument, pathKey: string, method: string, status: string): Record<string, { type?: string; format?: string }> {
    const doc = readContract(FILES[document]) as { paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, { type?: string; format?: string }> }> }>> };
    return doc.paths[pathKey]?.[method]?.responses[status]?.headers ?? {};
  }
}
