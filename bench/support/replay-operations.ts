import { handlerFor } from "../../lib/engine/operations/registry";
import type { IntegrationPorts } from "../../lib/engine/ports";
import { runVerification } from "../../lib/engine/run-verification";
import type { OperationRequest, VerificationSpec } from "../../lib/runbooks/operation-requests";

export interface RecordedOperation {
  idempotencyKey: string;
  request: OperationRequest;
  verification: VerificationSpec | null;
}

const sleep = (seconds: number) => new Promise((r) => setTimeout(r, seconds * 1000));

/**
 * A bare script doing what the console did, with nothing of the console around it: for each operation in order, the
 * check before sending, the send, the polls and the verification, through the same adapters (the real SDKs) and the
 * same handlers, waiting the same poll intervals between reads, as a person's script would. No database, no jobs, no
 * audit trail, no live updates: the baseline of `drill_ratio`.
 */
export async function replayOperations(options: { operations: RecordedOperation[]; ports: IntegrationPorts }): Promise<void> {
  const { ports } = options;
  for (const op of options.operations) {
    const handler = handlerFor(op.request.kind);
    const interval = handler.pollIntervalSeconds;
    const what = `${op.request.kind} (${op.idempotencyKey})`;
    if ("precheck" in op.request && op.request.precheck) {
      const checked = await runVerification({ spec: op.request.precheck, ports });
      if (!checked.passed) throw new Error(`${what}: the check before sending failed: ${checked.detail}`);
    }
    let progress: Record<string, unknown> = {};
    let pollerState: Record<string, unknown> = {};
    let externalId: string | null = null;
    let done = !handler.poll;
    if (handler.send) {
      const sent = await handler.send({
        request: op.request, ports, idempotencyKey: `bare:${op.idempotencyKey}`, notBefore: new Date().toISOString(), progress,
        saveProgress: async (more) => {
          progress = { ...progress, ...more };
        },
      });
      pollerState = sent.pollerState ?? {};
      externalId = sent.externalId ?? null;
      done = done || sent.done;
    }
    for (let first = true; !done; first = false) {
      if (!first) await sleep(interval);
      const polled = await handler.poll!({ request: op.request, ports, pollerState, externalId, progress });
      if (polled.status === "failed") throw new Error(`${what}: ${polled.error}`);
      if (polled.status === "succeeded") done = true;
      else pollerState = polled.pollerState ?? pollerState;
    }
    if (!op.verification) continue;
    for (;;) {
      const verified = await runVerification({ spec: op.verification, ports });
      if (verified.passed) break;
      await sleep(interval);
    }
  }
}
