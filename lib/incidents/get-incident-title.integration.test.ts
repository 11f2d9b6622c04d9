import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { alice } from "../engine/testing/engine-harness";
import { createIncident } from "./create-incident";
import { getIncidentTitle } from "./get-incident-title";

describe("an incident's page title", () => {
  it("names the kind, scenario and environment from one read, and is null for no incident or a malformed id", async () => {
    const drill = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "test", mode: "drill" } });
    const incident = await createIncident({ actor: alice, input: { scenario: "loss-of-database-server", environment: "preprod", mode: "incident" } });
    expect(await getIncidentTitle({ incidentId: drill.id })).toBe(`DR test: ${drill.scenario.title}, ${drill.environment.label}`);
    expect(await getIncidentTitle({ incidentId: incident.id })).toBe(`Incident: ${incident.scenario.title}, ${incident.environment.label}`);
    expect(await getIncidentTitle({ incidentId: randomUUID() })).toBeNull();
    expect(await getIncidentTitle({ incidentId: "not-a-uuid'; drop table" })).toBeNull();
  });
});
