import jsonPatch from "fast-json-patch";
import type { Operation } from "fast-json-patch";

/**
 * The three patch types the API server takes on a deployment or its scale, chosen by Content-Type as the API server
 * chooses them. JSON Patch (RFC 6902) is fast-json-patch; JSON Merge Patch (RFC 7386) is its ten-line algorithm;
 * strategic merge patch is merge patch plus the list merge keys the apps/v1 types declare (containers and env by
 * `name`, ports by `containerPort`) and the `$patch: delete|replace` directives, which is all kubectl sends for
 * these objects. Server-side apply (application/apply-patch+yaml) is not offered: the stand-in answers 415.
 */

export type PatchType = "json" | "merge" | "strategic";

export class UnsupportedPatchTypeError extends Error {
  constructor(contentType: string) {
    super(`the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got ${contentType || "none"})`);
    this.name = "UnsupportedPatchTypeError";
  }
}

export class InvalidPatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidPatchError";
  }
}

export function patchTypeOf(contentType: string): PatchType {
  const media = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (media === "application/json-patch+json") return "json";
  if (media === "application/merge-patch+json") return "merge";
  if (media === "application/strategic-merge-patch+json") return "strategic";
  throw new UnsupportedPatchTypeError(media);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** RFC 7386 section 2. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key] ?? null, value);
  }
  return out;
}

const MERGE_KEYS: Record<string, string> = { containers: "name", initContainers: "name", env: "name", ports: "containerPort", volumes: "name", volumeMounts: "mountPath" };

function strategicMerge(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  if (patch.$patch === "replace") {
    const { $patch: _, ...rest } = patch;
    return rest;
  }
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === "$patch" || key.startsWith("$setElementOrder/") || key.startsWith("$retainKeys")) continue;
    const mergeKey = MERGE_KEYS[key];
    if (value === null) delete out[key];
    else if (mergeKey && Array.isArray(value) && Array.isArray(out[key])) out[key] = mergeList(out[key] as Json[], value, mergeKey);
    else out[key] = strategicMerge(out[key] ?? null, value);
  }
  return out;
}

function mergeList(current: Json[], patch: Json[], mergeKey: string): Json[] {
  const result = [...current];
  for (const item of patch) {
    if (!isObject(item)) throw new InvalidPatchError(`list items of a strategic merge patch must be objects with "${mergeKey}"`);
    const index = result.findIndex((c) => isObject(c) && c[mergeKey] === item[mergeKey]);
    if (item.$patch === "delete") {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) result[index] = strategicMerge(result[index] ?? null, item);
    else result.push(strategicMerge(null, item));
  }
  return result;
}

export function applyPatch<T>(options: { document: T; patchType: PatchType; body: unknown }): T {
  const document = structuredClone(options.document) as Json;
  switch (options.patchType) {
    case "merge":
      return mergePatch(document, options.body as Json) as T;
    case "strategic":
      return strategicMerge(document, options.body as Json) as T;
    case "json": {
      if (!Array.isArray(options.body)) throw new InvalidPatchError("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
      try {
        return jsonPatch.applyPatch(document, options.body as Operation[], true, true).newDocument as T;
      } catch (error) {
        // A failed "test" operation or a path that is not there: the API server answers 422 with the reason.
        throw new InvalidPatchError(error instanceof Error ? error.message.split("\n")[0] ?? "invalid patch" : "invalid patch");
      }
    }
  }
}
