import { describe, expect, it } from "vitest";
import { eventChangesView } from "./event-changes-view";

const view = { participants: [{ id: "u1", name: "Lena Lead", role: "lead", firstActionAt: null, lastActionAt: null }] } as never;

describe("eventChangesView", () => {
  it("refetches for a note by someone new to the incident, not for one by someone already in it", () => {
    expect(eventChangesView({ event: { action: "note.recorded", actor: { id: "u1", name: "Lena Lead", role: "lead" } }, view })).toBe(false);
    expect(eventChangesView({ event: { action: "note.recorded", actor: { id: "u2", name: "Rhys Responder", role: "responder" } }, view })).toBe(true);
  });

  it("refetches for every other kind of event, known or not", () => {
    for (const action of ["step.started", "step.succeeded", "operation.sent", "incident.closed", "step.approved", "something.new"]) {
      expect(eventChangesView({ event: { action, actor: { id: "u1", name: "Lena Lead", role: "lead" } }, view }), action).toBe(true);
    }
  });
});
