import type { Note, Operation, StepAttempt } from "../generated/prisma/client";
import { approvalExpiresAt, twoPersonRuleApplies } from "../auth/approvals/two-person-rule";
import { preconditionProblems } from "../engine/check-step-actionable";
import type { LoadedRun } from "../engine/load-run";
import type { IncidentParticipant } from "../generated/prisma/client";
import type { IncidentView, StepView } from "./incident-view";
import { describeStepInputs } from "./describe-step-inputs";
import { timeView } from "./time-view";

export interface IncidentRecords {
  attempts: StepAttempt[];
  operations: Operation[];
  notes: Note[];
  participants: IncidentParticipant[];
  otherOpenIncidents: number;
}

/** Puts together the view of an incident from its records and its scenario's definitions. */
export function buildIncidentView(loaded: LoadedRun, records: IncidentRecords): IncidentView {
  const { incident, scenario, environment } = loaded;
  const context = loaded.context();
  const steps: StepView[] = loaded.runs.map((run) => {
    const definition = loaded.step(run.stepId).definition;
    const attempts = records.attempts.filter((a) => a.stepRunId === run.id).sort((a, b) => a.number - b.number);
    const pending = attempts.find((a) => a.state === "awaiting_approval");
    const operation = records.operations.filter((o) => o.stepRunId === run.id).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    const stored = (operation?.pollerState ?? {}) as { lastDetail?: string };
    return {
      id: run.stepId,
      title: definition.title,
      kind: definition.kind,
      runbookHeading: definition.runbookHeading,
      guidance: definition.guidance,
      optional: definition.optional,
      changesProduction: definition.changesProduction,
      needsApproval: twoPersonRuleApplies({ changesProduction: definition.changesProduction, environment, mode: incident.mode }),
      branch: definition.branch ?? null,
      onFollowedBranch: !definition.branch || definition.branch === incident.branch,
      after: definition.after,
      verifiedBy: definition.verifiedBy ?? null,
      rerunnable: definition.rerunnable ?? false,
      state: run.state,
      attempt: run.attemptCount,
      inputs: run.inputs,
      outputs: run.outputs,
      error: run.error,
      skipReason: run.skipReason,
      lastActor: run.lastActorId ? { id: run.lastActorId, name: run.lastActorName ?? run.lastActorId } : null,
      startedAt: timeView(run.startedAt),
      finishedAt: timeView(run.finishedAt),
      blockedBy: preconditionProblems(loaded, definition),
      input: describeStepInputs(definition.inputs(context)),
      fallback: definition.fallback?.(context, (run.inputs as Record<string, unknown> | null) ?? null) ?? null,
      approval: pending
        ? {
            requestedBy: { id: pending.requestedById, name: pending.requestedByName }, requestedAt: timeView(pending.requestedAt), inputsHash: pending.inputsHash, inputs: pending.inputs,
            expiresAt: timeView(approvalExpiresAt(pending.requestedAt)), expired: approvalExpiresAt(pending.requestedAt).getTime() <= Date.now(),
          }
        : null,
      attempts: attempts.map((a) => ({
        number: a.number,
        state: a.state,
        manual: a.manual,
        inputs: a.inputs,
        inputsHash: a.inputsHash,
        requestedBy: { id: a.requestedById, name: a.requestedByName },
        requestedAt: timeView(a.requestedAt),
        approvedBy: a.approvedById ? { id: a.approvedById, name: a.approvedByName ?? a.approvedById } : null,
        startedAt: timeView(a.startedAt),
        finishedAt: timeView(a.finishedAt),
        outputs: a.outputs,
        error: a.error,
      })),
      operation: operation
        ? {
            id: operation.id, system: operation.system, kind: operation.kind, status: operation.status, idempotencyKey: operation.idempotencyKey,
            externalId: operation.externalId, externalUrl: operation.externalUrl, lastDetail: stored.lastDetail ?? null,
            lastCheckedAt: timeView(operation.lastCheckedAt), sendAttempts: operation.sendAttempts, deadlineAt: timeView(operation.deadlineAt), error: operation.error,
          }
        : null,
    };
  });

  const warnings = [...new Set(steps.filter((s) => s.onFollowedBranch || s.branch).flatMap((s) => s.blockedBy.map((b) => `${s.title}: ${b}`)))];
  if (records.otherOpenIncidents > 0) {
    warnings.unshift(`Another incident is open on ${environment.label} (${records.otherOpenIncidents}): AYTQ and CTR share one server, so work on both could collide.`);
  }
  return {
    id: incident.id,
    service: { key: loaded.service.key, name: loaded.service.name },
    scenario: { id: scenario.id, title: scenario.title },
    environment: { key: environment.key, label: environment.label, production: environment.production },
    mode: incident.mode,
    status: incident.status,
    branch: incident.branch,
    branches: scenario.branches.map((b) => ({ id: b.id, title: b.title, guidance: b.guidance, followed: b.id === incident.branch })),
    lead: { id: incident.leadId, name: incident.leadName },
    detectedAt: timeView(incident.detectedAt),
    restorePoint: timeView(incident.restorePoint),
    createdAt: timeView(incident.createdAt),
    closedAt: timeView(incident.closedAt),
    closeReason: incident.closeReason,
    steps,
    notes: records.notes.map((n) => ({
      id: n.id, kind: n.kind, stepId: loaded.runs.find((r) => r.id === n.stepRunId)?.stepId ?? null, text: n.text,
      actor: { id: n.actorId, name: n.actorName }, createdAt: timeView(n.createdAt),
    })),
    participants: records.participants.map((p) => ({
      id: p.actorId, name: p.actorName, role: p.role, firstActionAt: timeView(p.firstActionAt), lastActionAt: timeView(p.lastActionAt),
    })),
    warnings,
  };
}
