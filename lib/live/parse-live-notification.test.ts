import { describe, expect, it } from "vitest";
import { parseLiveNotification } from "./parse-live-notification";

const ids = { auditId: "42", incidentId: "5b1f7c1e-0000-4000-8000-0000000000a1", stepId: "stop-service", action: "step.started" };
const row = { occurredAt: "2026-03-29T01:30:00.123Z", actorId: "u1", actorName: "Ada", actorRole: "lead", outcome: "ok", operationId: null, inputs: { replicas: 0 }, detail: null };

describe("parseLiveNotification", () => {
  it("makes the live event of a notification that carries its row, times in UTC with UK time beside them", () => {
    expect(parseLiveNotification(JSON.stringify({ ...ids, row }))).toEqual({
      id: 42n,
      event: {
        id: "42",
        occurredAt: "2026-03-29T01:30:00.123Z",
        occurredAtText: "Sun 29 Mar 2026 01:30:00 UTC (02:30:00 BST, UK time)",
        actor: { id: "u1", name: "Ada", role: "lead" },
        action: "step.started",
        outcome: "ok",
        incidentId: ids.incidentId,
        stepId: "stop-service",
        operationId: null,
        inputs: { replicas: 0 },
        detail: null,
      },
    });
  });

  it("gives the id alone for a notification that names only the ids (a row too large to carry)", () => {
    expect(parseLiveNotification(JSON.stringify(ids))).toEqual({ id: 42n, event: null });
  });

  it.each([
    ["nothing", undefined],
    ["an empty payload", ""],
    ["not JSON", "{auditId: 42"],
    ["a number as the id", JSON.stringify({ ...ids, auditId: 42 })],
    ["an id that is not a number", JSON.stringify({ ...ids, auditId: "42; drop" })],
    ["a row without its time", JSON.stringify({ ...ids, row: { ...row, occurredAt: undefined } })],
    ["a row with a time that is not one", JSON.stringify({ ...ids, row: { ...row, occurredAt: "yesterday" } })],
  ])("returns null for %s (the hub then reads the table)", (_, payload) => {
    expect(parseLiveNotification(payload)).toBeNull();
  });
});
