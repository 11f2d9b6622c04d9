import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, IntegrationError, NotFoundError, PreconditionFailedError, ValidationError } from "../errors";
import { problemFor } from "./problem";

describe("problem+json", () => {
  it("maps each expected error to its status with a clear title and its message", () => {
    expect(problemFor(new ValidationError("bad", [{ path: "x", message: "y" }]), "r1")).toMatchObject({ status: 422, title: "Invalid input", detail: "bad", issues: [{ path: "x", message: "y" }] });
    expect(problemFor(new NotFoundError("none"), "r")).toMatchObject({ status: 404, title: "Not found", type: expect.stringMatching(/not-found$/) });
    expect(problemFor(new ConflictError("running", "step_running"), "r")).toMatchObject({ status: 409, reason: "step_running" });
    expect(problemFor(new PreconditionFailedError("no storage"), "r")).toMatchObject({ status: 412 });
    expect(problemFor(new ForbiddenError("no"), "r")).toMatchObject({ status: 403, title: "Not allowed" });
    expect(problemFor(new IntegrationError("github", "down"), "r")).toMatchObject({ status: 502 });
  });
  it("never shows the message of an unexpected error", () => {
    const problem = problemFor(new Error("password=hunter2 at db"), "req-42");
    expect(problem).toMatchObject({ status: 500, title: "Internal error" });
    expect(problem.detail).not.toContain("hunter2");
    expect(problem.detail).toContain("req-42");
  });
});
