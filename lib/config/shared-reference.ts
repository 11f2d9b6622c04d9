import path from "node:path";
import { env } from "./env";

const REPOSITORY = path.resolve(import.meta.dirname, "..", "..");

/**
 * A file of the project's reference folder (`../shared` beside the repository, or SHARED_DIR): the runbook the
 * scenarios are checked against and the API contracts the stand-ins are checked against.
 */
export function sharedReferencePath(...parts: string[]): string {
  const root = env().SHARED_DIR ? path.resolve(env().SHARED_DIR!) : path.resolve(REPOSITORY, "..", "shared");
  return path.join(root, ...parts);
}
