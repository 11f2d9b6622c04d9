import type { Inputs, WorkflowDefinition } from "../workflows/workflow-definition";

/** A workflow run as the stand-in keeps it; representation.ts turns it into the REST shapes. */

export type RunStatus = "queued" | "pending" | "in_progress" | "completed";
export type Conclusion = "success" | "failure" | "cancelled" | "skipped";

export interface StepRecord {
  name: string;
  number: number;
  status: "queued" | "in_progress" | "completed";
  conclusion: Conclusion | null;
  startedAt: string | null;
  completedAt: string | null;
}

export interface JobRecord {
  id: number;
  name: string;
  status: RunStatus;
  conclusion: Conclusion | null;
  createdAt: string;
  startedAt: string;
  completedAt: string | null;
  runnerId: number | null;
  runnerName: string | null;
  steps: StepRecord[];
}

export interface RunRecord {
  id: number;
  runNumber: number;
  owner: string;
  repo: string;
  workflow: WorkflowDefinition;
  event: "workflow_dispatch" | "schedule";
  actor: string;
  headBranch: string;
  headSha: string;
  inputs: Inputs;
  status: RunStatus;
  conclusion: Conclusion | null;
  createdAt: string;
  updatedAt: string;
  runStartedAt: string;
  concurrencyGroup: string | null;
  job: JobRecord;
  /** $GITHUB_STEP_SUMMARY, line by line. */
  summary: string[];
  log: string[];
}

/** GitHub's timestamps: UTC, whole seconds. */
export function githubTime(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
