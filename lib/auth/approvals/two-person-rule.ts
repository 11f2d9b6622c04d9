import { env } from "../../config/env";

export interface TwoPersonRuleOptions {
  /** The step's `changesProduction`: it changes the live systems of the incident's environment. */
  changesProduction: boolean;
  environment: { key: string; production: boolean };
  mode: "incident" | "drill";
}

/**
 * Whether a step falls under the two-person rule: typed confirmation (the environment's key), requested by an
 * incident lead, run only after a second incident lead approves. Applies to production-changing steps in
 * production, and in any environment listed in DR_TWO_PERSON_ENVIRONMENTS (drills rehearse the rule there);
 * DR_DRILL_APPROVALS=off switches it off for drills outside production. Production itself never opts out.
 */
export function twoPersonRuleApplies(options: TwoPersonRuleOptions): boolean {
  if (!options.changesProduction) return false;
  if (options.environment.production) return true;
  const config = env();
  const listed = config.DR_TWO_PERSON_ENVIRONMENTS.split(",").map((s) => s.trim()).filter(Boolean);
  if (!listed.includes(options.environment.key)) return false;
  return !(options.mode === "drill" && config.DR_DRILL_APPROVALS === "off");
}

/** When a request for approval made at `requestedAt` stops being approvable (APPROVAL_TTL_MINUTES later). */
export function approvalExpiresAt(requestedAt: Date): Date {
  return new Date(requestedAt.getTime() + env().APPROVAL_TTL_MINUTES * 60_000);
}
