import type { StepView } from "../incidents/incident-view";

export interface StepStateLabel {
  label: string;
  /** GOV.UK Frontend tag modifier (govuk-frontend 6 colours). */
  tagClass: string;
}

const LABELS: Record<StepView["state"], StepStateLabel> = {
  pending: { label: "Waiting", tagClass: "govuk-tag--grey" },
  ready: { label: "Ready", tagClass: "" },
  awaiting_approval: { label: "Awaiting approval", tagClass: "govuk-tag--yellow" },
  running: { label: "In progress", tagClass: "govuk-tag--turquoise" },
  succeeded: { label: "Done", tagClass: "govuk-tag--green" },
  failed: { label: "Failed", tagClass: "govuk-tag--red" },
  skipped: { label: "Skipped", tagClass: "govuk-tag--grey" },
};

/** The words and colour of a step's state, the same on every page. */
export function describeStepState(options: { state: StepView["state"]; onFollowedBranch?: boolean }): StepStateLabel {
  if (options.onFollowedBranch === false && options.state !== "succeeded" && options.state !== "failed") {
    return { label: "Other option", tagClass: "govuk-tag--grey" };
  }
  return LABELS[options.state];
}
