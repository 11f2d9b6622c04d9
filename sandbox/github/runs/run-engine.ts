import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { ServiceDefinition } from "@/lib/catalogue/schema";
import { logger } from "@/lib/log";
import type { SandboxContext } from "../../context";
import type { KubernetesState } from "../../kubernetes/state";
import { StepFailedError, type Inputs, type StepContext, type StepDefinition, type WorkflowDefinition, type WorkflowMemory } from "../workflows/workflow-definition";
import { githubTime, type Conclusion, type RunRecord, type StepRecord } from "./run-record";

/**
 * Runs workflows as GitHub Actions does: a dispatched run is `queued`, its job waits for a runner, runs its steps in
 * order (a failed step skips the rest but `if: failure()`/`always()` ones), and the run ends `completed` with the
 * job's conclusion. A job whose `if:` is false is skipped without a runner. Concurrency groups as GitHub's default
 * (`queue: single`): one holder per group; the next run waits `pending`; a newer pending run cancels the older one.
 */

export interface RunTiming {
  /** Time a queued job waits for a runner. */
  queueMs: number;
  /** Least time a step takes (real work may take longer). */
  stepMs: number;
  /** Poll interval of long-running Azure operations inside steps. */
  pollIntervalMs: number;
}

export interface RunEngineOptions {
  context: SandboxContext;
  kubernetes: KubernetesState | undefined;
  services: readonly ServiceDefinition[];
  timing: RunTiming;
}

export interface DispatchRunOptions {
  owner: string;
  repo: string;
  service: ServiceDefinition;
  workflow: WorkflowDefinition;
  inputs: Inputs;
  actor: string;
  ref: string;
  headSha: string;
  event: RunRecord["event"];
}

export class RunNotCancellableError extends Error {
  constructor() {
    super("Cannot cancel a workflow run that is completed.");
    this.name = "RunNotCancellableError";
  }
}

class RunCancelledError extends Error {
  constructor() {
    super("The operation was canceled.");
    this.name = "RunCancelledError";
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(new RunCancelledError());
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new RunCancelledError());
    }, { once: true });
  });

export class RunEngine {
  private readonly runs: RunRecord[] = [];
  private readonly services = new Map<number, ServiceDefinition>();
  private readonly groups = new Map<string, { holder?: number; pending?: number }>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly controllers = new Map<number, AbortController>();
  private readonly executions = new Set<Promise<void>>();
  private readonly runNumbers = new Map<number, number>();
  private readonly memory: WorkflowMemory = { diagnosticSettingsToCreate: new Set() };
  // Ids grow across restarts of the sandbox, as GitHub's do, so an id kept by the console never names another run.
  private nextRunId = Math.floor(Date.now() / 1000) * 10;
  private nextJobId = Math.floor(Date.now() / 1000) * 30;
  private stopping = false;

  constructor(private readonly options: RunEngineOptions) {}

  dispatch(options: DispatchRunOptions): RunRecord {
    const now = githubTime();
    const runNumber = (this.runNumbers.get(options.workflow.id) ?? 100) + 1;
    this.runNumbers.set(options.workflow.id, runNumber);
    const run: RunRecord = {
      id: ++this.nextRunId,
      runNumber,
      owner: options.owner,
      repo: options.repo,
      workflow: options.workflow,
      event: options.event,
      actor: options.actor,
      headBranch: options.ref,
      headSha: options.headSha,
      inputs: options.inputs,
      status: "queued",
      conclusion: null,
      createdAt: now,
      updatedAt: now,
      runStartedAt: now,
      concurrencyGroup: options.workflow.concurrencyGroup(options.inputs),
      job: {
        id: ++this.nextJobId,
        name: options.workflow.jobName(options.inputs),
        status: "queued",
        conclusion: null,
        createdAt: now,
        startedAt: now,
        completedAt: null,
        runnerId: null,
        runnerName: null,
        steps: [],
      },
      summary: [],
      log: [],
    };
    this.runs.push(run);
    this.services.set(run.id, options.service);
    this.admit(run);
    return run;
  }

  get(id: number): RunRecord | undefined {
    return this.runs.find((r) => r.id === id);
  }

  /** Forgets a completed run (DELETE of a run). */
  remove(id: number): void {
    const index = this.runs.findIndex((r) => r.id === id && r.status === "completed");
    if (index >= 0) this.runs.splice(index, 1);
    this.services.delete(id);
  }

  /** Every run, newest first. */
  all(): RunRecord[] {
    return [...this.runs].reverse();
  }

  cancel(id: number): void {
    const run = this.get(id);
    if (!run || run.status === "completed") throw new RunNotCancellableError();
    const controller = this.controllers.get(id);
    if (controller) {
      controller.abort();
      return;
    }
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.finish(run, "cancelled");
  }

  /** Cancels everything still running and waits for it to end. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.controllers.values()) controller.abort();
    await Promise.allSettled([...this.executions]);
  }

  private touch(run: RunRecord): void {
    run.updatedAt = githubTime();
  }

  private admit(run: RunRecord): void {
    if (!run.workflow.runsJob(run.inputs)) {
      // A job skipped by its `if:` never takes a runner or the concurrency group.
      this.later(run, () => {
        run.job.status = "completed";
        run.job.conclusion = "skipped";
        run.job.completedAt = githubTime();
        this.complete(run, "skipped");
      });
      return;
    }
    const group = run.concurrencyGroup;
    if (group) {
      const g = this.groups.get(group) ?? {};
      this.groups.set(group, g);
      if (g.holder !== undefined) {
        const older = g.pending !== undefined ? this.get(g.pending) : undefined;
        if (older) this.finish(older, "cancelled", `Canceling since a higher priority waiting request for ${group} exists`);
        g.pending = run.id;
        run.status = "pending";
        run.job.status = "pending";
        this.touch(run);
        return;
      }
      g.holder = run.id;
    }
    this.later(run, () => this.start(run));
  }

  private later(run: RunRecord, action: () => void): void {
    if (this.stopping) return;
    this.timers.set(run.id, setTimeout(() => {
      this.timers.delete(run.id);
      action();
    }, this.options.timing.queueMs));
  }

  private start(run: RunRecord): void {
    const controller = new AbortController();
    this.controllers.set(run.id, controller);
    const execution = this.execute(run, controller.signal)
      .catch((error: unknown) => {
        // Not a step's failure (those are caught in execute) but the runner's own: the run fails, the stand-in lives.
        logger.error({ err: error, runId: run.id, workflow: run.workflow.file }, "sandbox GitHub run failed outside its steps");
        if (run.status !== "completed") this.finish(run, "failure");
      })
      .finally(() => {
        this.controllers.delete(run.id);
        this.executions.delete(execution);
      });
    this.executions.add(execution);
  }

  private async execute(run: RunRecord, signal: AbortSignal): Promise<void> {
    const now = githubTime();
    const outcome = this.options.context.faults.takeAsyncOutcome("github");
    const definitions: StepDefinition[] = run.workflow.steps(run.inputs);
    run.status = "in_progress";
    run.runStartedAt = now;
    run.job.status = "in_progress";
    run.job.startedAt = now;
    run.job.runnerId = 1000 + (run.job.id % 100);
    run.job.runnerName = `GitHub Actions ${run.job.runnerId}`;
    run.job.steps = definitions.map((d, i): StepRecord => ({ name: d.name, number: i + 1, status: "queued", conclusion: null, startedAt: null, completedAt: null }));
    this.touch(run);

    const workDir = path.join(this.options.context.stateDir, "github", "runs", String(run.id));
    await mkdir(workDir, { recursive: true });
    const service = this.services.get(run.id) as ServiceDefinition;
    const log = (line: string) => {
      for (const l of line.split("\n")) run.log.push(`${new Date().toISOString()} ${l}`);
    };
    const ctx: StepContext = {
      sandbox: this.options.context,
      kubernetes: this.options.kubernetes,
      service,
      inputs: run.inputs,
      env: { GITHUB_RUN_ID: String(run.id) },
      log,
      summary: (line) => run.summary.push(line),
      signal,
      workDir,
      pollIntervalMs: this.options.timing.pollIntervalMs,
      memory: this.memory,
    };

    let failed = false;
    let cancelled = false;
    for (const [index, definition] of definitions.entries()) {
      const step = run.job.steps[index] as StepRecord;
      const condition = definition.if ?? "success";
      const runs = condition === "always" || (cancelled ? false : condition === "failure" ? failed : !failed);
      if (!runs) {
        step.status = "completed";
        step.conclusion = "skipped";
        continue;
      }
      step.status = "in_progress";
      step.startedAt = githubTime();
      this.touch(run);
      log(`##[group]Run ${definition.name}`);
      let conclusion: Conclusion = "success";
      try {
        await sleep(this.options.timing.stepMs, condition === "always" ? new AbortController().signal : signal);
        if (definition.main && outcome === "hang") await sleep(2 ** 31 - 1, signal);
        if (definition.main && outcome === "fail") throw new StepFailedError("The runner has received a shutdown signal. (sandbox fault switch: asyncOperationFails)");
        await definition.run?.(ctx);
      } catch (error) {
        if (signal.aborted && !(error instanceof StepFailedError)) {
          conclusion = "cancelled";
          cancelled = true;
          log("##[error]The operation was canceled.");
        } else {
          conclusion = "failure";
          failed = true;
          log(`##[error]${error instanceof Error ? error.message : String(error)}`);
          if (!(error instanceof StepFailedError)) logger.error({ err: error, runId: run.id, workflow: run.workflow.file, step: definition.name }, "sandbox GitHub workflow step failed unexpectedly");
        }
      }
      step.status = "completed";
      step.conclusion = conclusion;
      step.completedAt = githubTime();
      this.touch(run);
    }
    await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
    this.finish(run, cancelled ? "cancelled" : failed ? "failure" : "success");
  }

  /** Ends a run (and its job, if still open) and lets the next run of its concurrency group go. */
  private finish(run: RunRecord, conclusion: Conclusion, reason?: string): void {
    if (run.job.status !== "completed") {
      run.job.status = "completed";
      run.job.conclusion = conclusion;
      run.job.completedAt = githubTime();
      for (const step of run.job.steps) {
        if (step.status !== "completed") {
          step.status = "completed";
          step.conclusion = "cancelled";
        }
      }
    }
    if (reason) run.log.push(`${new Date().toISOString()} ##[error]${reason}`);
    this.complete(run, conclusion);
  }

  private complete(run: RunRecord, conclusion: Conclusion): void {
    run.status = "completed";
    run.conclusion = conclusion;
    this.touch(run);
    const group = run.concurrencyGroup ? this.groups.get(run.concurrencyGroup) : undefined;
    if (!group) return;
    if (group.pending === run.id) group.pending = undefined;
    if (group.holder !== run.id) return;
    group.holder = undefined;
    const next = group.pending !== undefined ? this.get(group.pending) : undefined;
    group.pending = undefined;
    if (next && !this.stopping) {
      group.holder = next.id;
      next.status = "queued";
      next.job.status = "queued";
      this.touch(next);
      this.later(next, () => this.start(next));
    }
  }
}
