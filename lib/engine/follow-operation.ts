import type { Operation, Prisma } from "../generated/prisma/client";
import { appendAuditEvent } from "../audit/append-audit-event";
import { ENGINE_ACTOR } from "../audit/actor";
import { toJsonValue } from "../audit/canonical-json";
import { db } from "../db";
import { ExpectedError, IntegrationError } from "../errors";
import { enqueueOperationTick } from "../jobs/enqueue-operation-tick";
import { logger } from "../log";
import type { OperationRequest, VerificationSpec } from "../runbooks/operation-requests";
import { describeInstant } from "../time/describe-instant";
import { finishOperation } from "./finish-operation";
import { withOperationLock } from "./operation-lock";
import { handlerFor } from "./operations/registry";
import { OperationFailure, type OperationHandler, type SendResult } from "./operations/types";
import type { IntegrationPorts } from "./ports";
import { runVerification } from "./run-verification";
import { inTransaction } from "./transaction";
import { mergeOperationState, type StoredOperationState } from "./operation-state";

export interface FollowSettings {
  /** Overrides every handler's poll interval (tests, benchmarks). */
  pollIntervalSeconds?: number;
  /** Automatic re-sends of a send that is safe to repeat, after a retryable error. */
  sendRetryLimit?: number;
}

export type TickOutcome = "finished" | "waiting" | "busy" | "gone";


const TERMINAL = new Set(["succeeded", "failed"]);

/**
 * One tick of following an operation: send it if not yet sent, then poll it, then verify the target's state.
 * Called by the pg-boss worker; schedules its own next tick while the operation is not finished.
 *
 * Never sent twice: the send happens only from `pending`/`sending`, recorded before the call; once the system's
 * answer is recorded the status is `running` and only polling follows. A crash during the send leaves `sending`:
 * the next tick sends again WITH THE SAME idempotency key, and the port finds the first send instead of repeating
 * it (the port contract). Only one tick runs at a time per operation (advisory lock).
 */
export async function followOperation(options: { operationId: string; ports: IntegrationPorts; settings?: FollowSettings }): Promise<TickOutcome> {
  const locked = await withOperationLock(options.operationId, () => tick(options));
  return locked.locked ? locked.value : "busy";
}

async function tick(options: { operationId: string; ports: IntegrationPorts; settings?: FollowSettings }): Promise<TickOutcome> {
  const { ports, settings = {} } = options;
  let op = await db().operation.findUnique({ where: { id: options.operationId } });
  if (!op) return "gone";
  const request = op.request as unknown as OperationRequest;
  const handler = handlerFor(request.kind);
  const interval = settings.pollIntervalSeconds ?? handler.pollIntervalSeconds;
  const later = async (delaySeconds = interval) => {
    await enqueueOperationTick({ operationId: options.operationId, delaySeconds });
    return "waiting" as const;
  };
  const fail = async (error: string) => {
    await finishOperation({ operationId: op!.id, outcome: "failed", error, summary: error });
    return "finished" as const;
  };
  const pastDeadline = () => Date.now() > op!.deadlineAt.getTime();
  const deadlineText = () => describeInstant({ instant: op!.deadlineAt }).text;

  for (let phase = 0; phase < 4; phase += 1) {
    if (TERMINAL.has(op.status)) return "finished";
    const stored = (op.pollerState ?? {}) as StoredOperationState;

    if (op.status === "pending" || op.status === "sending") {
      if (pastDeadline()) return fail(`Not sent: the step's time limit passed (${deadlineText()}) before the request could be sent.`);
      if (op.status === "pending" && "precheck" in request && request.precheck) {
        const checked = await verifySafely(request.precheck, ports);
        if (checked.kind === "unreachable") {
          // Shown on the step: otherwise it would say "running" with no word of why nothing is being sent.
          await noteCheck(op, `Not sent yet: the check before sending could not be made (${checked.message}); trying again.`);
          return later();
        }
        if (!checked.result.passed) return fail(`Not sent: ${checked.result.detail}`);
      }
      op = await db().operation.update({
        where: { id: op.id },
        data: { status: "sending", sendAttempts: { increment: 1 }, sendStartedAt: op.sendStartedAt ?? new Date() },
      });
      const sending = op;
      let result: SendResult;
      try {
        result = await handler.send!({
          request,
          ports,
          idempotencyKey: sending.idempotencyKey,
          notBefore: sending.sendStartedAt!.toISOString(),
          progress: stored.progress ?? {},
          saveProgress: (progress) => mergeOperationState(sending.id, { progress }),
        });
      } catch (error) {
        return handleSendError({ error, op: sending, handler, settings, later, fail });
      }
      op = await recordSent(sending, result);
      continue;
    }

    if (op.status === "running") {
      if (pastDeadline()) return fail(`Not finished by the step's time limit (${deadlineText()}). Last seen: ${stored.lastDetail ?? "no answer yet"}. Check it by hand, then confirm or retry the step.`);
      if (!handler.poll) {
        op = await db().operation.update({ where: { id: op.id }, data: { status: "verifying" } });
        continue;
      }
      let polled;
      try {
        polled = await handler.poll({ request, ports, pollerState: stored.poller ?? {}, externalId: op.externalId, progress: stored.progress ?? {} });
      } catch (error) {
        await noteCheck(op, `Could not check: ${describeError(error)}`);
        return later();
      }
      if (polled.status === "failed") return fail(polled.error);
      if (polled.status === "running") {
        await noteCheck(op, polled.detail ?? "still running", polled.pollerState);
        return later();
      }
      await mergeOperationState(op.id, { lastDetail: polled.summary });
      op = await db().operation.update({
        where: { id: op.id },
        data: {
          status: "verifying", lastCheckedAt: new Date(), checks: { increment: 1 },
          outputs: mergeOutputs(op.outputs, polled.outputs),
        },
      });
      continue;
    }

    if (op.status === "verifying") {
      const outputs = (op.outputs ?? {}) as Record<string, unknown>;
      if (!op.verification) {
        await finishOperation({ operationId: op.id, outcome: "succeeded", outputs, summary: stored.lastDetail ?? "Done." });
        return "finished";
      }
      const checked = await verifySafely(op.verification as unknown as VerificationSpec, ports);
      if (checked.kind === "unreachable") {
        if (pastDeadline()) return fail(`Not verified by the step's time limit (${deadlineText()}): ${checked.message}`);
        await noteCheck(op, `Could not verify: ${checked.message}`);
        return later();
      }
      if (checked.result.passed) {
        await finishOperation({ operationId: op.id, outcome: "succeeded", outputs: { ...outputs, verification: checked.result.detail }, summary: checked.result.detail });
        return "finished";
      }
      if (pastDeadline()) return fail(`Not verified by the step's time limit (${deadlineText()}): ${checked.result.detail}`);
      await noteCheck(op, checked.result.detail);
      return later();
    }
  }
  return later();
}

async function recordSent(op: Operation, result: SendResult): Promise<Operation> {
  return inTransaction(async (tx) => {
    await mergeOperationState(op.id, { ...(result.pollerState ? { poller: result.pollerState } : {}), lastDetail: result.summary }, tx);
    const updated = await tx.operation.update({
      where: { id: op.id },
      data: {
        status: result.done ? "verifying" : "running",
        sentAt: new Date(),
        externalId: result.externalId ?? op.externalId,
        externalUrl: result.externalUrl ?? op.externalUrl,
        outputs: mergeOutputs(op.outputs, result.outputs),
      },
    });
    await appendAuditEvent(tx, {
      actor: ENGINE_ACTOR,
      action: "operation.sent",
      outcome: "ok",
      incidentId: op.incidentId,
      stepId: op.stepId,
      operationId: op.id,
      inputs: op.request,
      detail: { system: op.system, kind: op.kind, idempotencyKey: op.idempotencyKey, sendAttempt: op.sendAttempts, response: result.summary, externalId: result.externalId ?? null, externalUrl: result.externalUrl ?? null },
      correlationId: op.id,
    });
    return updated;
  });
}

async function handleSendError(args: {
  error: unknown;
  op: Operation;
  handler: OperationHandler;
  settings: FollowSettings;
  later: (delay?: number) => Promise<"waiting">;
  fail: (error: string) => Promise<"finished">;
}): Promise<TickOutcome> {
  const { error, op, handler } = args;
  if (error instanceof OperationFailure) return args.fail(error.message);
  const limit = args.settings.sendRetryLimit ?? 3;
  if (error instanceof IntegrationError && error.retryable && handler.sendIsSafeToRepeat && op.sendAttempts < limit) {
    await noteCheck(op, `Send failed (${error.message}); trying again (attempt ${op.sendAttempts + 1} of ${limit}).`);
    return args.later(Math.min(60, 2 ** op.sendAttempts));
  }
  if (!(error instanceof ExpectedError)) logger.error({ err: error, operationId: op.id }, "operation send failed unexpectedly");
  const why = describeError(error);
  const advice = handler.sendIsSafeToRepeat
    ? "Retry the step, or do it by hand and confirm it."
    : "It was not repeated automatically, because sending it twice could run it twice: check whether it started (see the manual way), then retry the step or confirm it by hand.";
  return args.fail(`The request to ${op.system} failed: ${why}. ${advice}`);
}

async function verifySafely(spec: VerificationSpec, ports: IntegrationPorts) {
  try {
    return { kind: "checked" as const, result: await runVerification({ spec, ports }) };
  } catch (error) {
    return { kind: "unreachable" as const, message: describeError(error) };
  }
}

async function noteCheck(op: Operation, detail: string, poller?: Record<string, unknown>): Promise<void> {
  await mergeOperationState(op.id, { ...(poller ? { poller } : {}), lastDetail: detail });
  await db().operation.update({ where: { id: op.id }, data: { lastCheckedAt: new Date(), checks: { increment: 1 } } });
}

/** Outputs accumulate (send, then poll); a key a later phase leaves undefined keeps its earlier value. */
function mergeOutputs(current: Prisma.JsonValue | null, more: Record<string, unknown> | undefined): Prisma.InputJsonValue {
  const defined = Object.fromEntries(Object.entries(more ?? {}).filter(([, v]) => v !== undefined));
  return toJsonValue({ ...((current ?? {}) as object), ...defined }) as Prisma.InputJsonValue;
}

/** Expected errors carry a message meant for people; anything else is logged and summarised. */
function describeError(error: unknown): string {
  if (error instanceof ExpectedError) {
    const requestId = error instanceof IntegrationError && error.options.requestId ? ` (request id ${error.options.requestId})` : "";
    return `${error.message}${requestId}`;
  }
  logger.warn({ err: error }, "unexpected error while following an operation");
  return "an unexpected error (logged)";
}
