import { describe, expect, it } from "vitest";
import { NotSignedInError } from "../auth/not-signed-in-error";
import { ConflictError, ValidationError } from "../errors";
import { toActionError } from "./to-action-error";

function logCollector() {
  const lines: { object: Record<string, unknown>; message: string }[] = [];
  return { lines, log: { error: (object: Record<string, unknown>, message: string) => lines.push({ object, message }) } };
}

describe("the server actions' error policy", () => {
  it("shows a named expected error's own message, with its field issues and reason", () => {
    const { lines, log } = logCollector();
    const validation = toActionError({ error: new ValidationError("Bad restore point.", [{ path: "restorePoint", message: "too recent" }]), action: "step.start", requestId: "r", log });
    expect(validation).toEqual({ kind: "expected", title: "Invalid input", message: "Bad restore point.", issues: [{ path: "restorePoint", message: "too recent" }] });
    const conflict = toActionError({ error: new ConflictError("This step is already running.", "step_running"), action: "step.start", requestId: "r", log });
    expect(conflict).toMatchObject({ kind: "expected", message: "This step is already running.", reason: "step_running" });
    expect(toActionError({ error: new NotSignedInError("Sign in."), action: "x", requestId: "r", log })).toMatchObject({ kind: "expected", title: "Sign in needed" });
    expect(lines).toEqual([]);
  });
  it("never returns an unexpected error's message: a generic one with the event id it was logged under", () => {
    const { lines, log } = logCollector();
    const secret = new Error("connect ECONNREFUSED postgresql://app:hunter2@db:5432");
    const result = toActionError({ error: secret, action: "step.start", requestId: "req-1", log, newEventId: () => "evt-123" });
    expect(result.kind).toBe("unexpected");
    expect(result.eventId).toBe("evt-123");
    expect(result.message).toContain("evt-123");
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(JSON.stringify(result)).not.toContain("ECONNREFUSED");
    expect(lines).toEqual([{ object: { err: secret, eventId: "evt-123", action: "step.start", requestId: "req-1" }, message: "server action failed unexpectedly" }]);
  });
  it("treats thrown non-errors as unexpected too", () => {
    const { log } = logCollector();
    expect(toActionError({ error: "a string", action: "x", requestId: "r", log }).kind).toBe("unexpected");
  });
});
