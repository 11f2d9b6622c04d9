import { describe, expect, it } from "vitest";
import { buildDrillsOpenApiPaths } from "./build-drills-openapi-paths";

describe("the OpenAPI paths of the reports and DR tests routes", () => {
  it("describes each route, with request bodies from the features' zod schemas", () => {
    const paths = buildDrillsOpenApiPaths() as Record<string, Record<string, { requestBody?: { content: { "application/json": { schema: { properties: Record<string, unknown> } } } } }>>;
    expect(Object.keys(paths).sort()).toEqual([
      "/api/v1/drills", "/api/v1/drills/calendar.ics", "/api/v1/drills/cadences", "/api/v1/drills/matrix", "/api/v1/drills/{id}",
      "/api/v1/drills/{id}/outcomes", "/api/v1/drills/{id}/start", "/api/v1/incidents/{id}/report",
    ].sort());
    expect(Object.keys(paths["/api/v1/drills"]!.post!.requestBody!.content["application/json"].schema.properties)).toEqual(
      expect.arrayContaining(["scenarios", "environment", "scheduledAt", "participants", "notes"]),
    );
  });
});
