import type { z } from "zod";
import type { EnvironmentDefinition, ServiceDefinition } from "../catalogue/schema";
import type { OperationRequest, VerificationSpec } from "./operation-requests";

/**
 * A scenario is data: an ordered list of step definitions. One page and one engine run any scenario; adding a
 * scenario is adding a definition, not code elsewhere.
 */

export type StepKind = "manual" | "operation" | "verification" | "decision";
export type IncidentModeKey = "incident" | "drill";

/** What a step's functions may look at: the catalogue entry, the incident and the earlier steps. */
export interface StepContext {
  service: ServiceDefinition;
  environment: EnvironmentDefinition;
  incident: { id: string; mode: IncidentModeKey; detectedAt: Date; branch: string | null };
  /** Every step of the incident by id: its state, and the inputs and outputs of its latest attempt. */
  steps: Record<string, { state: string; inputs: Record<string, unknown> | null; outputs: Record<string, unknown> | null } | undefined>;
  now: Date;
}

/** Something that must hold before anyone starts the step; evaluated from the catalogue when the incident opens. */
export interface Precondition {
  id: string;
  description: string;
  /** null when it holds, else the message to show (e.g. "preproduction has no backup storage account"). */
  check(ctx: Pick<StepContext, "service" | "environment">): string | null;
}

/** The exact way to do the step by hand when an API is unreachable. */
export interface ManualFallback {
  summary: string;
  /** Shell commands with this environment's names filled in (kubectl, konduit). */
  commands?: string[];
  /** The workflow's page and the inputs to type there. */
  workflow?: { title: string; url: string; inputs: Record<string, string> };
  /** Azure portal or GitHub settings page and where to go from it. */
  portal?: { url: string; path: string };
  /** Anything else, in order. */
  instructions?: string[];
}

export interface StepDefinition<TInput extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  title: string;
  /** The runbook heading this step is written from (the mapping test checks it exists in the runbook). */
  runbookHeading: string;
  /** Guidance paragraphs, written from the runbook. */
  guidance: string[];
  kind: StepKind;
  optional: boolean;
  /** Run in production, this step changes production: typed confirmation and a second person's approval. */
  changesProduction: boolean;
  /** For scenarios with options: the option this step belongs to. */
  branch?: string;
  /** Modes the step exists in (default both): DR-test post-scenario steps are drill-only. */
  modes?: IncidentModeKey[];
  /** Steps that must have succeeded or been skipped first (steps of a branch not followed are ignored). */
  after: string[];
  /** The input schema, with defaults from the catalogue and earlier steps; windows are checked here. */
  inputs(ctx: StepContext): z.ZodType<TInput>;
  preconditions: Precondition[];
  /** The operation run through a port, from the validated inputs. Absent for manual and decision steps. */
  operation?(ctx: StepContext, input: TInput): OperationRequest;
  /** How success is proved from the target's state. */
  verification?(ctx: StepContext, input: TInput): VerificationSpec;
  /** The same in words, for people. */
  verifiedBy?: string;
  fallback?(ctx: StepContext, input: TInput | null): ManualFallback;
  /** How long the engine follows the operation and its verification before giving up. */
  timeoutMinutes?: number;
  /** May be run again after it succeeded (a new PTR copy with another time and name). */
  rerunnable?: boolean;
}

export interface BranchDefinition {
  id: string;
  title: string;
  guidance: string;
  /** The branch an incident starts on. */
  initial: boolean;
}

export interface ScenarioDefinition {
  id: string;
  title: string;
  summary: string;
  /** When this scenario applies (shown on the new-incident page). */
  whenToUse: string;
  /** The runbook section this comes from. */
  runbookSection: string;
  branches: BranchDefinition[];
  steps: StepDefinition[];
}

/** Keeps each step's input type while storing them in one list. */
export function defineStep<TInput extends Record<string, unknown>>(step: StepDefinition<TInput>): StepDefinition {
  return step as unknown as StepDefinition;
}
