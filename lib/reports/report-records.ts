import type { AuditChainResult } from "../audit/verify-audit-chain";
import type { AuditEventRecord } from "../audit/list-audit-events";
import type { IncidentView } from "../incidents/incident-view";

/** An operation as the report needs it (all of an incident's operations, not only each step's latest). */
export interface ReportOperationRecord {
  id: string;
  stepId: string;
  attemptNumber: number | null;
  system: string;
  kind: string;
  status: string;
  externalId: string | null;
  externalUrl: string | null;
  sendAttempts: number;
  createdAt: Date;
  sendStartedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
  request: unknown;
  outputs: unknown;
}

export interface ReportFollowUpRecord {
  id: string;
  title: string;
  detail: string | null;
  owner: string | null;
  cardUrl: string | null;
  status: "open" | "raised" | "done" | "dropped";
  position: number;
}

export interface ReportChecklistRecord {
  item: string;
  done: boolean;
  note: string | null;
  doneAt: Date | null;
  byName: string;
}

/** Everything a report is built from, loaded by get-incident-report.ts; building from it is pure. */
export interface ReportRecords {
  view: IncidentView;
  operations: ReportOperationRecord[];
  audit: AuditEventRecord[];
  chain: AuditChainResult;
  followUps: ReportFollowUpRecord[];
  checklist: ReportChecklistRecord[];
  /** The DR test's post-scenario record for this incident, when one was made. */
  drillOutcome: { result: "success" | "fail"; issues: string; timeTakenMinutes: number } | null;
  now: Date;
}
