import { z } from "zod";
import { branchProtectionUrl } from "./links";
import { defineStep, type StepContext } from "./types";

/** Steps both scenarios share, written once from the runbook; each scenario places them with its own `after`. */

const SHARED_SERVICES_NOTE =
  "AYTQ and CTR share this repository and their deployments: taking down one service takes down the other, and restoration affects both.";

export function startIncidentProcessStep(after: string[]) {
  return defineStep({
    id: "start-incident-process",
    title: "Start the incident process",
    runbookHeading: "Start the incident process (if not already in progress)",
    guidance: [
      "Follow the incident playbook and contact the relevant stakeholders as described in create-an-incident-slack-channel-and-inform-the-stakeholders-comms-lead.",
      SHARED_SERVICES_NOTE,
      "Skip nothing here: if the incident process is already in progress, confirm this step with a note saying where.",
    ],
    kind: "manual",
    optional: false,
    changesProduction: false,
    after,
    inputs: () => z.object({}),
    preconditions: [],
  });
}

function approvalsStep(options: { freeze: boolean; after: string[] }) {
  const { freeze } = options;
  return defineStep({
    id: freeze ? "freeze-pipeline" : "unfreeze-pipeline",
    title: freeze ? "Freeze the pipeline" : "Unfreeze the pipeline",
    runbookHeading: freeze ? "Freeze pipeline" : "Unfreeze pipeline",
    guidance: freeze
      ? [
          "Alert developers that no one should merge to main: this prevents automated deploys from interrupting the recovery, and further data corruption if a recent change caused the issue.",
          "The console sets the branch protection's required approving reviews to 6, remembering the current value so that unfreezing puts it back.",
        ]
      : [
          "Alert developers that merging to main is allowed again.",
          "The console puts the branch protection's required approving reviews back to the value remembered when freezing (the runbook says 1, the usual value).",
        ],
    kind: "operation",
    optional: false,
    changesProduction: false,
    after: options.after,
    inputs: (ctx: StepContext) => {
      const remembered = ctx.steps["freeze-pipeline"]?.outputs?.previous;
      const fallback = freeze ? ctx.service.freeze.frozenApprovals : typeof remembered === "number" ? remembered : ctx.service.freeze.usualApprovals;
      return z.object({ count: z.coerce.number().int().min(0).max(6).default(fallback) });
    },
    preconditions: [],
    operation: (ctx, input) => ({
      kind: "github.set-required-approvals",
      repository: { owner: ctx.service.repository.owner, repo: ctx.service.repository.repo },
      branch: ctx.service.repository.branch,
      count: input.count,
    }),
    verification: (ctx, input) => ({
      kind: "required-approvals",
      repository: { owner: ctx.service.repository.owner, repo: ctx.service.repository.repo },
      branch: ctx.service.repository.branch,
      count: input.count,
    }),
    verifiedBy: "The branch protection of main is read back and requires exactly that many approving reviews.",
    fallback: (ctx, input) => ({
      summary: `A repository admin sets "Require approvals" on main's branch protection rule to ${input?.count ?? (freeze ? ctx.service.freeze.frozenApprovals : ctx.service.freeze.usualApprovals)}.`,
      portal: { url: branchProtectionUrl(ctx.service), path: `Settings > Branches > rule for ${ctx.service.repository.branch} > Edit > Require a pull request before merging > Required number of approvals` },
    }),
    timeoutMinutes: 10,
  });
}

export const freezePipelineStep = (after: string[]) => approvalsStep({ freeze: true, after });
export const unfreezePipelineStep = (after: string[]) => approvalsStep({ freeze: false, after });

export function validateAppStep(after: string[]) {
  return defineStep({
    id: "validate-app",
    title: "Validate the app",
    runbookHeading: "Validate app",
    guidance: [
      "Confirm the app is working and you can see the restored data.",
      "The console checks the health pages of AYTQ and CTR until every required check passes (database, schema version, database integrity, notify). You may also want to check admin interfaces and API requests by hand.",
    ],
    kind: "verification",
    optional: false,
    changesProduction: false,
    after,
    inputs: () => z.object({}),
    preconditions: [],
    operation: () => ({ kind: "verify-only" }),
    verification: (ctx) => ({ kind: "health-passing", urls: ctx.environment.health }),
    verifiedBy: "Every non-optional check on /health/all passes for both AYTQ and CTR.",
    fallback: (ctx) => ({
      summary: "Open each health page and check every line says PASSED (lines marked OPTIONAL may fail).",
      commands: Object.values(ctx.environment.health).map((url) => `curl -s ${url}`),
      instructions: ["Then open each service, sign in where needed, and check the restored data is there."],
    }),
    timeoutMinutes: 20,
  });
}

export function postDrReviewStep(after: string[]) {
  return defineStep({
    id: "post-dr-review",
    title: "Post-DR review",
    runbookHeading: "Post DR review",
    guidance: [
      "Schedule an incident retro meeting with all the stakeholders.",
      "Review the incident and fill in the incident report (the console's report of this incident is the starting point).",
      "Raise Trello cards for any process improvements.",
    ],
    kind: "manual",
    optional: false,
    changesProduction: false,
    after,
    inputs: () => z.object({}),
    preconditions: [],
  });
}

export function drTestPostScenarioStep(after: string[]) {
  return defineStep({
    id: "dr-test-post-scenario",
    title: "Complete the DR test post-scenario steps",
    runbookHeading: "If this document is being followed as part of a DR test, then complete DR test post scenario steps",
    guidance: [
      "Record in the DR test template the scenarios run, the time taken and any issues.",
      "Save the report, update the service list with the DR test date and status (success or fail), raise follow-up cards, and review the contact list.",
    ],
    kind: "manual",
    optional: false,
    changesProduction: false,
    modes: ["drill"],
    after,
    inputs: () => z.object({}),
    preconditions: [],
  });
}
