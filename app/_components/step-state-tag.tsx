import type { StepView } from "@/lib/incidents/incident-view";
import { describeStepState } from "@/lib/ui/describe-step-state";

export function StepStateTag({ state, onFollowedBranch }: { state: StepView["state"]; onFollowedBranch?: boolean }) {
  const { label, tagClass } = describeStepState({ state, onFollowedBranch });
  return <strong className={`govuk-tag ${tagClass}`.trim()}>{label}</strong>;
}
