import { describe, expect, it } from "vitest";
import { ArmError } from "./arm-errors";
import { canonicalResourceId, parseActivityLogFilter, selectFields } from "./insights";

const now = new Date("2026-11-26T12:00:00Z");

describe("activity log $filter", () => {
  it("takes the patterns Azure allows", () => {
    expect(parseActivityLogFilter("eventTimestamp ge '2026-11-25T00:00:00Z' and eventTimestamp le '2026-11-26T00:00:00Z' and resourceGroupName eq 's189p01-aytq-pd-rg'", now)).toEqual({
      from: new Date("2026-11-25T00:00:00Z"),
      to: new Date("2026-11-26T00:00:00Z"),
      resourceGroupName: "s189p01-aytq-pd-rg",
    });
    const byResource = parseActivityLogFilter("eventTimestamp ge '2026-11-25T00:00:00Z' and resourceUri eq '/subscriptions/x/resourceGroups/y'", now);
    expect(byResource.resourceUri).toBe("/subscriptions/x/resourceGroups/y");
    expect(byResource.to).toEqual(now);
  });
  it("refuses anything else, as Azure does", () => {
    const refused = (filter: string | undefined) => {
      try {
        parseActivityLogFilter(filter, now);
      } catch (error) {
        return error instanceof ArmError ? error.status : "other";
      }
      return "accepted";
    };
    expect(refused(undefined)).toBe(400);
    expect(refused("resourceGroupName eq 'x'")).toBe(400);
    expect(refused("eventTimestamp ge '2026-11-25T00:00:00Z' and operationName eq 'Microsoft.DBforPostgreSQL/flexibleServers/delete'")).toBe(400);
    expect(refused("eventTimestamp ge '2026-11-25T00:00:00Z' and resourceGroupName eq 'a' and resourceUri eq 'b'")).toBe(400);
    expect(refused("eventTimestamp ge '2026-07-01T00:00:00Z'")).toBe(400);
    expect(refused("eventTimestamp ge 'soon'")).toBe(400);
  });
});

describe("helpers", () => {
  it("normalise resource ids and select fields", () => {
    expect(canonicalResourceId("//subscriptions/a")).toBe("/subscriptions/a");
    expect(canonicalResourceId("subscriptions/a")).toBe("/subscriptions/a");
    expect(selectFields({ a: 1, b: 2, c: 3 }, "a, c,zz")).toEqual({ a: 1, c: 3 });
    expect(selectFields({ a: 1 }, undefined)).toEqual({ a: 1 });
  });
});
