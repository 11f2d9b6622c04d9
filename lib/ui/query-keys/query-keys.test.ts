import { describe, expect, it } from "vitest";
import { healthKeys } from "./health-keys";
import { incidentKeys } from "./incident-keys";

const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) => prefix.every((part, i) => JSON.stringify(key[i]) === JSON.stringify(part));

describe("incident query keys", () => {
  it("nest, so that invalidating a prefix covers what is under it", () => {
    expect(startsWith(incidentKeys.list({ status: "open" }), incidentKeys.lists())).toBe(true);
    expect(startsWith(incidentKeys.lists(), incidentKeys.all())).toBe(true);
    expect(startsWith(incidentKeys.detail("a"), incidentKeys.details())).toBe(true);
  });
  it("keep the timeline out from under the details (the live stream feeds it; a details refresh must not refetch it)", () => {
    expect(startsWith(incidentKeys.timeline("a"), incidentKeys.detail("a"))).toBe(false);
    expect(startsWith(incidentKeys.timeline("a"), incidentKeys.timelines())).toBe(true);
  });
  it("give equal filters equal keys, whatever the order or empty values", () => {
    expect(incidentKeys.list({ status: "open", environment: "test" })).toEqual(incidentKeys.list({ environment: "test", status: "open", scenario: "" }));
    expect(incidentKeys.list({})).toEqual(incidentKeys.list());
    expect(incidentKeys.list({ status: "open" })).not.toEqual(incidentKeys.list({ status: "resolved" }));
  });
  it("keep incidents apart", () => {
    expect(incidentKeys.detail("a")).not.toEqual(incidentKeys.detail("b"));
  });
});

describe("health query keys", () => {
  it("are per service under one prefix", () => {
    expect(healthKeys.environments("aytq")).toEqual(["health", "environments", "aytq"]);
    expect(startsWith(healthKeys.environments("aytq"), healthKeys.all())).toBe(true);
  });
});
