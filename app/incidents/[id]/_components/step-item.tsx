"use client";

import type { StepView } from "@/lib/incidents/incident-view";
import { getScenario } from "@/lib/runbooks/scenarios";
import { StepStateTag } from "@/app/_components/step-state-tag";
import { TimeText } from "@/app/_components/time-text";
import { ApprovalPanel } from "./approval-panel";
import { Elapsed } from "./elapsed";
import { InputsList } from "./inputs-list";
import { ManualConfirmForm } from "./manual-confirm-form";
import { ManualFallbackContent } from "./manual-fallback";
import { OperationProgress } from "./operation-progress";
import { stepTitleId, useRun } from "./run-context";
import { SkipForm } from "./skip-form";
import { StepForm } from "./step-form";

const KIND: Record<StepView["kind"], string> = {
  manual: "Done by a person",
  operation: "Automated",
  verification: "Automated check",
  decision: "Decision",
};

/**
 * One step of the checklist: its state, who acted and when, how long it took; and, while it needs someone, its
 * guidance, its form and buttons, the manual fallback one click away, and its operation's progress.
 */
export function StepItem({ step, number, next }: { step: StepView; number: number; next: boolean }) {
  const { view } = useRun();
  const open = view.status === "open" && step.onFollowedBranch;
  const active = open && ["ready", "failed", "awaiting_approval", "running"].includes(step.state);
  const definition = getScenario(view.scenario.id).steps.find((s) => s.id === step.id);
  const automated = step.kind === "operation" || step.kind === "verification";
  const canDoByHand = automated && Boolean(definition?.verification);
  const waitingFor = step.after
    .map((id) => view.steps.find((s) => s.id === id))
    .filter((s): s is StepView => Boolean(s) && s!.onFollowedBranch && s!.state !== "succeeded" && s!.state !== "skipped");

  return (
    <li
      id={`step-${step.id}`}
      className={`app-step app-step--${step.state}${next ? " app-step--next" : ""}${step.onFollowedBranch ? "" : " app-step--other-branch"}`}
      aria-current={next ? "step" : undefined}
      data-testid={`step-${step.id}`}
      data-state={step.state}
    >
      <div className="app-step__header">
        <h3 className="govuk-heading-s app-step__title" id={stepTitleId(step.id)} tabIndex={-1}>
          <span className="app-step__number">{number}.</span> {step.title}
        </h3>
        <div className="app-step__tags">
          {next && <strong className="govuk-tag govuk-tag--purple">Next step</strong>} <StepStateTag state={step.state} onFollowedBranch={step.onFollowedBranch} />
        </div>
      </div>

      <p className="govuk-body-s app-step__meta">
        {KIND[step.kind]}
        {step.optional ? " · optional" : ""}
        {step.needsApproval ? " · changes production: needs a second person's approval" : step.changesProduction ? ` · changes ${view.environment.label}` : ""}
        {step.attempt > 1 ? ` · attempt ${step.attempt}` : ""}
      </p>

      <StepFacts step={step} />

      {step.state === "pending" && waitingFor.length > 0 && step.onFollowedBranch && (
        <p className="govuk-body-s">Waits for: {waitingFor.map((s) => s.title).join(", ")}.</p>
      )}
      {step.state === "skipped" && step.skipReason && <p className="govuk-body-s">Skipped: {step.skipReason}</p>}
      {step.blockedBy.length > 0 && step.onFollowedBranch && step.state !== "skipped" && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This step cannot run here: {step.blockedBy.join(" ")}
          </strong>
        </div>
      )}

      {open && step.optional && step.state === "pending" && <SkipForm step={step} />}
      {active ? (
        <div className="app-step__body">
          <Guidance step={step} />
          {step.state === "failed" && <FailurePanel step={step} canDoByHand={canDoByHand} />}
          {step.state === "running" && step.operation && <OperationProgress operation={step.operation} />}
          {step.state === "running" && !step.operation && <p className="govuk-body">In progress.</p>}
          {step.state === "awaiting_approval" && (
            <>
              <ApprovalPanel step={step} />
              <details className="govuk-details">
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">Change the request (asks for approval again)</span>
                </summary>
                <div className="govuk-details__text">
                  <StepForm step={step} mode="start" submitLabel="Ask for approval again" />
                </div>
              </details>
            </>
          )}
          {step.state === "ready" && step.blockedBy.length === 0 && <ReadyActions step={step} canDoByHand={canDoByHand} />}
          {step.state === "ready" && step.optional && <SkipForm step={step} />}
          {step.fallback && step.state !== "ready" && step.state !== "failed" && <FallbackDetails step={step} canDoByHand={false} />}
        </div>
      ) : (
        <ClosedDetails step={step} canRunAgain={open && step.rerunnable && step.state === "succeeded"} />
      )}
    </li>
  );
}

function StepFacts({ step }: { step: StepView }) {
  if (!step.lastActor && !step.startedAt && !step.finishedAt) return null;
  return (
    <dl className="govuk-body-s app-step__facts">
      {step.lastActor && (
        <div>
          <dt>Who</dt>
          <dd>{step.lastActor.name}</dd>
        </div>
      )}
      {step.startedAt && (
        <div>
          <dt>Started</dt>
          <dd>
            <TimeText time={step.startedAt} />
          </dd>
        </div>
      )}
      {step.finishedAt && (
        <div>
          <dt>{step.state === "skipped" ? "Skipped" : "Finished"}</dt>
          <dd>
            <TimeText time={step.finishedAt} />
          </dd>
        </div>
      )}
      {step.startedAt && step.state !== "skipped" && (
        <div>
          <dt>How long</dt>
          <dd>
            <Elapsed from={step.startedAt.utc} to={step.finishedAt?.utc ?? (step.state === "running" ? null : step.startedAt.utc)} />
          </dd>
        </div>
      )}
    </dl>
  );
}

function Guidance({ step }: { step: StepView }) {
  return (
    <div className="app-step__guidance">
      {step.guidance.map((g) => (
        <p className="govuk-body" key={g}>
          {g}
        </p>
      ))}
    </div>
  );
}

function ReadyActions({ step, canDoByHand }: { step: StepView; canDoByHand: boolean }) {
  if (step.kind === "manual") return <ManualConfirmForm step={step} />;
  if (step.kind === "decision") {
    return (
      <>
        <StepForm step={step} mode="decide" submitLabel="Record the decision" />
        {step.fallback && <FallbackDetails step={step} canDoByHand={false} />}
      </>
    );
  }
  return (
    <>
      <StepForm step={step} mode="start" submitLabel={step.needsApproval ? "Ask for approval" : "Start"} />
      {step.fallback && <FallbackDetails step={step} canDoByHand={canDoByHand} />}
    </>
  );
}

function FailurePanel({ step, canDoByHand }: { step: StepView; canDoByHand: boolean }) {
  return (
    <div className="app-failure" data-testid={`${step.id}-failure`}>
      <h4 className="govuk-heading-s app-failure__title">This step failed</h4>
      <p className="govuk-body">{step.error ?? "The console did not record why."}</p>
      {step.operation && <OperationProgress operation={step.operation} />}
      <p className="govuk-body govuk-!-font-weight-bold">What to do next</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>If the cause is fixed or was passing (a timeout, a busy system), try again below: a new attempt is recorded.</li>
        {canDoByHand && <li>If the console cannot reach the system, do it by hand (below), then let the console check it.</li>}
        {step.optional && <li>If it is not needed, skip it with a reason.</li>}
        <li>Add a note to the timeline saying what you found.</li>
      </ul>
      <StepForm step={step} mode="retry" submitLabel={step.needsApproval ? "Ask for approval to try again" : "Try again"} />
      {step.fallback && <FallbackDetails step={step} canDoByHand={canDoByHand} />}
      {step.optional && <SkipForm step={step} />}
    </div>
  );
}

function FallbackDetails({ step, canDoByHand }: { step: StepView; canDoByHand: boolean }) {
  if (!step.fallback) return null;
  return (
    <details className="govuk-details app-fallback" data-testid={`${step.id}-fallback`}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Do it by hand instead</span>
      </summary>
      <div className="govuk-details__text">
        <ManualFallbackContent fallback={step.fallback} />
        {canDoByHand && <StepForm step={step} mode="by-hand" submitLabel="I have done it by hand: check it" intro="When you have done it, say with which inputs: the console then checks the result." />}
      </div>
    </details>
  );
}

function ClosedDetails({ step, canRunAgain }: { step: StepView; canRunAgain: boolean }) {
  const hasOutputs = Boolean(step.outputs && typeof step.outputs === "object" && Object.keys(step.outputs).length > 0);
  return (
    <details className="govuk-details app-step__more">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          Guidance and details<span className="govuk-visually-hidden">: {step.title}</span>
        </span>
      </summary>
      <div className="govuk-details__text">
        <Guidance step={step} />
        {step.verifiedBy && <p className="govuk-body-s">Checked by: {step.verifiedBy}</p>}
        <InputsList inputs={step.inputs} stepId={step.id} title="Inputs" />
        {hasOutputs && <InputsList inputs={step.outputs} stepId={step.id} title="Result" />}
        {step.operation && <OperationProgress operation={step.operation} />}
        {step.attempts.length > 1 && <p className="govuk-body-s">Attempts: {step.attempts.map((a) => `${a.number} ${a.state}${a.manual ? " (by hand)" : ""}`).join(", ")}</p>}
        {step.fallback && step.state !== "succeeded" && <ManualFallbackContent fallback={step.fallback} />}
        {canRunAgain && <StepForm step={step} mode="retry" submitLabel={step.needsApproval ? "Ask for approval to run it again" : "Run it again"} intro="This step can be run again (for example a new copy at another time, under a new name)." />}
      </div>
    </details>
  );
}
