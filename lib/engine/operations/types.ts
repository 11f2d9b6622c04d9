import type { OperationKind, OperationRequest } from "../../runbooks/operation-requests";
import type { IntegrationPorts } from "../ports";

/**
 * How the engine carries out one kind of operation through the ports. Handlers are small and stateless: all
 * state lives in the operation record (request, progress/poller state, external ids), so any process can take
 * over after a restart.
 */

export interface SendArgs<R> {
  request: R;
  ports: IntegrationPorts;
  idempotencyKey: string;
  /** When the first send of this operation began (stable across re-sends after a crash). */
  notBefore: string;
  /** What an earlier, interrupted send saved (e.g. replica counts read before scaling). */
  progress: Record<string, unknown>;
  /** Persists progress before the external change, so a re-send does not re-read a state it already changed. */
  saveProgress(progress: Record<string, unknown>): Promise<void>;
}

export interface SendResult {
  externalId?: string;
  externalUrl?: string;
  pollerState?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  /** True when nothing is left to follow: go straight to verification. */
  done: boolean;
  /** One line for the audit trail: the system's answer. */
  summary: string;
}

export type PollResult =
  | { status: "running"; pollerState?: Record<string, unknown>; detail?: string }
  | { status: "succeeded"; outputs?: Record<string, unknown>; summary: string }
  | { status: "failed"; error: string };

export interface OperationHandler<R extends OperationRequest = OperationRequest> {
  /** Repeating the send after an error is harmless (same end state). Only these are retried automatically. */
  sendIsSafeToRepeat: boolean;
  pollIntervalSeconds: number;
  /** Absent for verify-only: nothing is sent. */
  send?(args: SendArgs<R>): Promise<SendResult>;
  poll?(args: { request: R; ports: IntegrationPorts; pollerState: Record<string, unknown>; externalId: string | null; progress: Record<string, unknown> }): Promise<PollResult>;
}

export type HandlerFor<K extends OperationKind> = OperationHandler<Extract<OperationRequest, { kind: K }>>;

/** An expected end of an operation (not a crash): the step fails with this message. */
export class OperationFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OperationFailure";
  }
}
