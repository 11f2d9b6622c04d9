import type { ServiceDefinition } from "@/lib/catalogue/schema";
import type { SandboxContext } from "../../context";
import type { KubernetesState } from "../../kubernetes/state";

/**
 * A workflow of the sandbox's repository, as its YAML file declares it (inputs, job name, job `if`, concurrency)
 * and with its steps doing in the sandbox what the real steps do through az, konduit and terraform.
 */

export interface WorkflowInput {
  description: string;
  type: "choice" | "string";
  required: boolean;
  default?: string;
  options?: readonly string[];
}

export type Inputs = Readonly<Record<string, string>>;

/** The run's environment as steps see it: inputs, GITHUB_ENV, logging, the step summary, and the sandbox. */
export interface StepContext {
  sandbox: SandboxContext;
  kubernetes: KubernetesState | undefined;
  service: ServiceDefinition;
  inputs: Inputs;
  /** What steps wrote to $GITHUB_ENV, read by later steps. */
  env: Record<string, string>;
  log(line: string): void;
  /** Appends a line to $GITHUB_STEP_SUMMARY. */
  summary(line: string): void;
  /** Aborted when the run is cancelled or the stand-in stops. */
  signal: AbortSignal;
  /** A scratch folder of this run (the runner's workspace). */
  workDir: string;
  /** How often long-running Azure operations are polled. */
  pollIntervalMs: number;
  /** What outlives a run, as terraform state and the like outlive a job. */
  memory: WorkflowMemory;
}

export interface WorkflowMemory {
  /**
   * Environments whose Postgres diagnostic setting terraform no longer has in its state (the server was found
   * deleted): the next apply creates it, and fails while a leftover of the same name is still there.
   */
  diagnosticSettingsToCreate: Set<string>;
}

export interface StepDefinition {
  name: string;
  /** As the step's `if:`: `success()` (the default), `failure()` or `always()`. */
  if?: "success" | "failure" | "always";
  /** The step that does the workflow's real work: the GitHub async fault switches (fail, hang) act on it. */
  main?: boolean;
  run?: (ctx: StepContext) => Promise<void>;
}

export interface WorkflowDefinition {
  id: number;
  /** File name under .github/workflows (what the dispatch API takes as workflow_id). */
  file: string;
  /** The workflow's `name:`. */
  name: string;
  inputs: Readonly<Record<string, WorkflowInput>>;
  /** The job's name as GitHub shows it (expressions evaluated). */
  jobName(inputs: Inputs): string;
  /** The job's `if:`; false: the job is skipped. */
  runsJob(inputs: Inputs): boolean;
  /** The concurrency group that holds the job (or the whole run), or null. */
  concurrencyGroup(inputs: Inputs): string | null;
  steps(inputs: Inputs): StepDefinition[];
  /** `on.schedule` time of day (UTC), for workflows that also run on a schedule. */
  scheduleUtc?: string;
}

/** A step's failure, as the runner shows it: `##[error]<message>` and the step's conclusion `failure`. */
export class StepFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StepFailedError";
  }
}
