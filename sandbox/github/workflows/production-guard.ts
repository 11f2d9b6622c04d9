import type { Inputs } from "./workflow-definition";

/** The job `if:` of the restore and recover workflows: production runs only with confirm-production "true". */
export function confirmedUnlessProduction(inputs: Inputs): boolean {
  return inputs.environment !== "production" || inputs["confirm-production"] === "true";
}

export const environmentInput = {
  description: "Environment to restore",
  type: "choice",
  required: true,
  // As in the real files: a default that is not one of the options (a dispatch without it fails at run time).
  default: "development",
  options: ["test", "preprod", "production"],
} as const;

export const confirmProductionInput = {
  description: "Must be set to true if restoring production",
  type: "choice",
  required: true,
  default: "false",
  options: ["false", "true"],
} as const;
