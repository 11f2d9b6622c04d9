import { Prisma } from "../generated/prisma/client";
import { appendAuditEvent } from "../audit/append-audit-event";
import type { ActionContext } from "../audit/actor";
import { toJsonValue } from "../audit/canonical-json";
import { ConflictError, PreconditionFailedError, ValidationError } from "../errors";
import { enqueueOperationTick } from "../jobs/enqueue-operation-tick";
import { twoPersonRuleApplies } from "../auth/approvals/two-person-rule";
import { authoriseStepAction } from "./authorise-step-action";
import { beginAttempt } from "./begin-attempt";
import type { StepActionResult } from "./begin-step";
import { checkStepActionable } from "./check-step-actionable";
import { loadRun } from "./load-run";
import { hashInputs, parseStepInputs } from "./parse-step-inputs";
import { refreshReadiness } from "./refresh-readiness";
import { allowedFromStates, describeRefusal } from "./state-machine";
import { touchParticipant } from "./touch-participant";
import { inTransaction } from "./transaction";
import { checkNoteText } from "../incidents/check-note-text";

export interface ConfirmStepOptions extends ActionContext {
  incidentId: string;
  stepId: string;
  /** Decision steps: the decision and what it rests on. Automated steps done by hand: the inputs used. */
  inputs?: unknown;
  note?: string;
}

const MAX_NOTE = 4000;

/**
 * Confirms a step a person did. Manual and decision steps succeed at once (a decision is also recorded as a
 * decision note). An automated step done by hand (its manual fallback) is not taken on trust: the engine verifies
 * the target's state, as it would after its own operation.
 */
export async function confirmStep(options: ConfirmStepOptions): Promise<StepActionResult> {
  authoriseStepAction({ actor: options.actor, action: "confirm" });
  const note = options.note?.trim() || undefined;
  if (note && note.length > MAX_NOTE) throw new ValidationError(`The note is too long: at most ${MAX_NOTE} characters.`, [{ path: "note", message: "too long" }]);
  if (note) checkNoteText({ text: note, field: "note" });
  const loaded = await loadRun({ incidentId: options.incidentId });
  const { definition, run } = loaded.step(options.stepId);
  checkStepActionable({ loaded, definition, checkPreconditions: definition.kind !== "manual" && definition.kind !== "decision" });
  const inputs = parseStepInputs({ definition, context: loaded.context(), inputs: options.inputs });
  const fromStates = allowedFromStates({ action: "confirm", kind: definition.kind });

  if (definition.kind === "operation" || definition.kind === "verification") {
    // Done by hand, a production change under the two-person rule is still a lead's call to record.
    authoriseStepAction({
      actor: options.actor, action: "confirm",
      productionChange: twoPersonRuleApplies({ changesProduction: definition.changesProduction, environment: loaded.environment, mode: loaded.incident.mode }),
    });
    if (!definition.verification) {
      throw new PreconditionFailedError(`"${definition.title}" cannot be confirmed by hand: nothing can verify it. ${definition.optional ? "Skip it with a reason instead, and type the values in the next step." : ""}`.trim());
    }
    const result = await beginAttempt({
      ...options, loaded, definition, run, action: "confirm", fromStates, inputs, inputsHash: hashInputs(inputs), needsApproval: false, manual: true, note,
    });
    if (result.operationId) await enqueueOperationTick({ operationId: result.operationId });
    return { ...result, incidentId: options.incidentId, stepId: options.stepId };
  }

  const { actor } = options;
  const now = new Date();
  const inputsJson = toJsonValue(inputs) as Prisma.InputJsonValue;
  return inTransaction(async (tx) => {
    const [claimed] = await tx.stepRun.updateManyAndReturn({
      where: { id: run.id, state: { in: fromStates } },
      data: {
        state: "succeeded", attemptCount: { increment: 1 }, inputs: inputsJson, outputs: inputsJson, error: null,
        lastActorId: actor.id, lastActorName: actor.name, startedAt: now, finishedAt: now,
      },
    });
    if (!claimed) {
      const current = await tx.stepRun.findUniqueOrThrow({ where: { id: run.id } });
      throw new ConflictError(describeRefusal({ action: "confirm", state: current.state, by: current.lastActorName }), `step_${current.state}`);
    }
    const hash = hashInputs(inputs);
    await tx.stepAttempt.create({
      data: {
        stepRunId: run.id, number: claimed.attemptCount, state: "succeeded", manual: true, inputs: inputsJson, inputsHash: hash,
        requestedById: actor.id, requestedByName: actor.name, requestedAt: now, startedAt: now, finishedAt: now, outputs: inputsJson,
      },
    });
    if (definition.kind === "decision") {
      const decision = Object.entries(inputs).map(([k, v]) => `${k}: ${String(v)}`).join("; ");
      await tx.note.create({ data: { incidentId: run.incidentId, stepRunId: run.id, kind: "decision", text: `${definition.title}: ${decision}`, actorId: actor.id, actorName: actor.name } });
    }
    if (note) await tx.note.create({ data: { incidentId: run.incidentId, stepRunId: run.id, kind: "note", text: note, actorId: actor.id, actorName: actor.name } });
    await refreshReadiness(tx, { incidentId: run.incidentId, scenario: loaded.scenario, branch: loaded.incident.branch });
    await touchParticipant(tx, { incidentId: run.incidentId, actor });
    await appendAuditEvent(tx, {
      actor, action: definition.kind === "decision" ? "step.decided" : "step.confirmed", outcome: "ok",
      incidentId: run.incidentId, stepId: run.stepId, inputs, detail: { attempt: claimed.attemptCount, ...(note ? { note } : {}) },
      requestId: options.requestId, correlationId: options.correlationId,
    });
    return { incidentId: options.incidentId, stepId: options.stepId, state: "succeeded" as const, attempt: claimed.attemptCount, operationId: null };
  });
}
