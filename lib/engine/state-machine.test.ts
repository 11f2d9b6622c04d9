import { describe, expect, it } from "vitest";
import type { StepState } from "../generated/prisma/enums";
import { computeReadiness } from "./compute-readiness";
import { STEP_TRANSITIONS, allowedFromStates, canTransition, describeRefusal, stateAfterStart } from "./state-machine";

const ALL: StepState[] = ["pending", "ready", "awaiting_approval", "running", "succeeded", "failed", "skipped"];

describe("step state machine", () => {
  it("allows only the documented transitions", () => {
    expect(canTransition("pending", "ready")).toBe(true);
    expect(canTransition("ready", "running")).toBe(true);
    expect(canTransition("ready", "awaiting_approval")).toBe(true);
    expect(canTransition("awaiting_approval", "running")).toBe(true);
    expect(canTransition("running", "succeeded")).toBe(true);
    expect(canTransition("running", "failed")).toBe(true);
    expect(canTransition("failed", "running")).toBe(true);
    expect(canTransition("pending", "running")).toBe(false);
    expect(canTransition("running", "running")).toBe(false);
    expect(canTransition("running", "skipped")).toBe(false);
    expect(canTransition("succeeded", "failed")).toBe(false);
    for (const to of ALL) expect(canTransition("skipped", to)).toBe(false);
  });

  it("lets every action start only from states the transition table allows", () => {
    const targets: Record<string, StepState[]> = {
      start: ["running", "awaiting_approval"], retry: ["running", "awaiting_approval"], confirm: ["succeeded", "running"], skip: ["skipped"], approve: ["running"],
    };
    for (const action of ["start", "retry", "confirm", "skip", "approve"] as const) {
      for (const kind of ["manual", "operation", "verification", "decision"] as const) {
        for (const from of allowedFromStates({ action, kind, rerunnable: true })) {
          expect(targets[action]!.some((to) => STEP_TRANSITIONS[from].includes(to)), `${action} from ${from}`).toBe(true);
        }
      }
    }
  });

  it("never starts a running step again, and reruns a succeeded step only when it is rerunnable", () => {
    for (const action of ["start", "retry", "confirm", "skip", "approve"] as const) {
      expect(allowedFromStates({ action, kind: "operation", rerunnable: true })).not.toContain("running");
    }
    expect(allowedFromStates({ action: "retry", kind: "operation" })).toEqual(["failed"]);
    expect(allowedFromStates({ action: "retry", kind: "operation", rerunnable: true })).toEqual(["failed", "succeeded"]);
    expect(allowedFromStates({ action: "confirm", kind: "manual" })).toEqual(["ready"]);
    expect(allowedFromStates({ action: "confirm", kind: "operation" })).toEqual(["ready", "failed"]);
  });

  it("sends production changes to approval first", () => {
    expect(stateAfterStart({ needsApproval: true })).toBe("awaiting_approval");
    expect(stateAfterStart({ needsApproval: false })).toBe("running");
  });

  it("tells the second responder that the step is running, and by whom", () => {
    expect(describeRefusal({ action: "start", state: "running", by: "Alice" })).toBe("This step is already running (started by Alice). Wait for it to finish.");
    expect(describeRefusal({ action: "approve", state: "ready" })).toMatch(/nothing to approve/);
  });
});

describe("readiness", () => {
  const steps = (states: Record<string, StepState>) => [
    { id: "freeze", state: states.freeze ?? "pending", after: [] },
    { id: "revive", state: states.revive ?? "pending", after: ["freeze"], branch: "option-1" },
    { id: "recreate", state: states.recreate ?? "pending", after: ["freeze"], branch: "option-2" },
    { id: "restart", state: states.restart ?? "pending", after: ["revive", "recreate"] },
    { id: "drill-only-dependent", state: "pending" as StepState, after: ["absent-step"] },
  ];
  it("makes steps ready when their dependencies succeeded or were skipped", () => {
    expect(computeReadiness({ steps: steps({}), branch: "option-1" })).toEqual(["freeze", "drill-only-dependent"]);
    expect(computeReadiness({ steps: steps({ freeze: "succeeded" }), branch: "option-1" })).toEqual(["revive", "drill-only-dependent"]);
    expect(computeReadiness({ steps: steps({ freeze: "skipped" }), branch: "option-1" })).toContain("revive");
  });
  it("ignores steps of the option not followed, both as candidates and as dependencies", () => {
    expect(computeReadiness({ steps: steps({ freeze: "succeeded", revive: "succeeded" }), branch: "option-1" })).toContain("restart");
    expect(computeReadiness({ steps: steps({ freeze: "succeeded", revive: "skipped" }), branch: "option-2" })).toEqual(["recreate", "drill-only-dependent"]);
    expect(computeReadiness({ steps: steps({ freeze: "succeeded", revive: "skipped", recreate: "succeeded" }), branch: "option-2" })).toContain("restart");
  });
  it("does not make a failed or running dependency count as done", () => {
    expect(computeReadiness({ steps: steps({ freeze: "failed" }), branch: "option-1" })).not.toContain("revive");
    expect(computeReadiness({ steps: steps({ freeze: "running" }), branch: "option-1" })).not.toContain("revive");
  });
});
