"use client";

import { createContext, useContext } from "react";
import type { Actor } from "@/lib/audit/actor";
import type { IncidentView } from "@/lib/incidents/incident-view";

export interface RunContextValue {
  view: IncidentView;
  actor: Actor;
  /**
   * After an action succeeded: refresh the incident, then put focus on the step's heading (or `focusId`) and say
   * what happened, so keyboard and screen-reader users are told and land where the change is.
   */
  afterAction(options: { stepId?: string; focusId?: string; message: string }): Promise<void>;
}

export const RunContext = createContext<RunContextValue | null>(null);

export function useRun(): RunContextValue {
  const value = useContext(RunContext);
  if (!value) throw new Error("useRun must be used inside the incident run page");
  return value;
}

/** The id of a step's heading, which takes focus after an action on the step. */
export const stepTitleId = (stepId: string) => `step-${stepId}-title`;
