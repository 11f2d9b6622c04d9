"use client";

import { can } from "@/lib/auth/capabilities";
import type { StepView } from "@/lib/incidents/incident-view";
import { TimeText } from "@/app/_components/time-text";
import { useActionMutation } from "@/app/_components/use-action-mutation";
import { approveStepAction } from "../../actions";
import { ActionErrors } from "./action-errors";
import { useRun } from "./run-context";
import { InputsList } from "./inputs-list";

/**
 * A production change waiting for its second person: who asked, when, for exactly which inputs; the approve
 * button for another incident lead (never the requester: the engine refuses that too).
 */
export function ApprovalPanel({ step }: { step: StepView }) {
  const { view, actor, afterAction } = useRun();
  const approval = step.approval;
  const mutation = useActionMutation(approveStepAction, {
    onSuccess: () => afterAction({ stepId: step.id, message: `${step.title}: approved. It is running.` }),
  });
  if (!approval) return null;
  const mine = approval.requestedBy.id === actor.id;
  const canApprove = !mine && !approval.expired && can(actor.role, "lead");
  return (
    <div className="app-approval" data-testid={`${step.id}-approval`}>
      <h4 className="govuk-heading-s">Waiting for a second incident lead to approve</h4>
      <p className="govuk-body">
        {approval.requestedBy.name} asked to run this in {view.environment.label} at <TimeText time={approval.requestedAt} />. Nothing has been sent.
      </p>
      <InputsList inputs={approval.inputs} stepId={step.id} title="Inputs to approve" />
      {approval.expired ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This request expired at <TimeText time={approval.expiresAt} /> without an approval. Ask again (change the request below) if it is still needed.
          </strong>
        </div>
      ) : (
        <p className="govuk-body">
          It can be approved until <TimeText time={approval.expiresAt} />.
        </p>
      )}
      <p className="govuk-body-s">
        Request fingerprint: <code className="app-code-inline">{approval.inputsHash.slice(0, 12)}</code> (an approval is for exactly these inputs)
      </p>
      <ActionErrors error={mutation.error} />
      {mine && <div className="govuk-inset-text">You asked for this change, so someone else must approve it: another incident lead can do it from this page.</div>}
      {!mine && !canApprove && <div className="govuk-inset-text">Only an incident lead or an admin can approve a production change.</div>}
      {canApprove && (
        <button
          type="button"
          className="govuk-button govuk-button--warning"
          disabled={mutation.pending}
          aria-disabled={mutation.pending}
          onClick={() => mutation.run({ incidentId: view.id, stepId: step.id, inputsHash: approval.inputsHash })}
        >
          Approve and run<span className="govuk-visually-hidden">: {step.title}</span>
        </button>
      )}
    </div>
  );
}
