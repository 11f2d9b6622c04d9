import type { ManualFallback } from "../runbooks/types";

/** What the UI and the HTTP API show of an incident. Times are ISO UTC, each with a text of both clocks. */

export interface TimeView {
  utc: string;
  /** "Sun 29 Mar 2026 00:30:00 UTC (01:30:00 GMT, UK time)" */
  text: string;
}

export interface StepView {
  id: string;
  title: string;
  kind: "manual" | "operation" | "verification" | "decision";
  runbookHeading: string;
  guidance: string[];
  optional: boolean;
  changesProduction: boolean;
  /** Under the two-person rule in this incident (lib/auth/approvals): typed confirmation, a lead asks, another lead approves. */
  needsApproval: boolean;
  branch: string | null;
  /** False for steps of an option the incident is not following. */
  onFollowedBranch: boolean;
  after: string[];
  verifiedBy: string | null;
  rerunnable: boolean;
  state: "pending" | "ready" | "awaiting_approval" | "running" | "succeeded" | "failed" | "skipped";
  attempt: number;
  inputs: unknown;
  outputs: unknown;
  error: string | null;
  skipReason: string | null;
  lastActor: { id: string; name: string } | null;
  startedAt: TimeView | null;
  finishedAt: TimeView | null;
  /** Preconditions that do not hold in this environment: the step cannot run here. */
  blockedBy: string[];
  /** JSON Schema (the input side of the zod schema) and the defaults from the catalogue and earlier steps. */
  input: { jsonSchema: unknown; defaults: Record<string, unknown> };
  fallback: ManualFallback | null;
  /** A request waiting for its second person; it can no longer be approved after `expiresAt` (ask again). */
  approval: { requestedBy: { id: string; name: string }; requestedAt: TimeView; inputsHash: string; inputs: unknown; expiresAt: TimeView; expired: boolean } | null;
  attempts: AttemptView[];
  operation: OperationView | null;
}

export interface AttemptView {
  number: number;
  state: string;
  manual: boolean;
  inputs: unknown;
  inputsHash: string;
  requestedBy: { id: string; name: string };
  requestedAt: TimeView;
  approvedBy: { id: string; name: string } | null;
  startedAt: TimeView | null;
  finishedAt: TimeView | null;
  outputs: unknown;
  error: string | null;
}

export interface OperationView {
  id: string;
  system: string;
  kind: string;
  status: string;
  idempotencyKey: string;
  externalId: string | null;
  externalUrl: string | null;
  /** The latest thing seen while following it. */
  lastDetail: string | null;
  lastCheckedAt: TimeView | null;
  sendAttempts: number;
  deadlineAt: TimeView;
  error: string | null;
}

export interface NoteView {
  id: string;
  kind: "note" | "decision";
  stepId: string | null;
  text: string;
  actor: { id: string; name: string };
  createdAt: TimeView;
}

export interface IncidentView {
  id: string;
  service: { key: string; name: string };
  scenario: { id: string; title: string };
  environment: { key: string; label: string; production: boolean };
  mode: "incident" | "drill";
  status: "open" | "resolved" | "abandoned";
  branch: string | null;
  branches: { id: string; title: string; guidance: string; followed: boolean }[];
  lead: { id: string; name: string };
  detectedAt: TimeView;
  restorePoint: TimeView | null;
  createdAt: TimeView;
  closedAt: TimeView | null;
  closeReason: string | null;
  steps: StepView[];
  notes: NoteView[];
  participants: { id: string; name: string; role: string; firstActionAt: TimeView; lastActionAt: TimeView }[];
  /** Said before anyone starts: steps that cannot run in this environment, another incident open on it. */
  warnings: string[];
}

export interface IncidentSummary {
  id: string;
  scenario: { id: string; title: string };
  environment: { key: string; label: string; production: boolean };
  mode: "incident" | "drill";
  status: "open" | "resolved" | "abandoned";
  lead: { id: string; name: string };
  detectedAt: TimeView;
  createdAt: TimeView;
  closedAt: TimeView | null;
  steps: { total: number; succeeded: number; skipped: number; failed: number; running: number; awaitingApproval: number };
  /** The first step that is ready, awaiting approval, running or failed, in runbook order. */
  current: { id: string; title: string; state: string } | null;
}
