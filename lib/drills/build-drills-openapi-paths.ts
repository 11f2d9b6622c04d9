import { z } from "zod";
import { recordDrillOutcomeInputSchema, scheduleDrillInputSchema, setDrillCadenceInputSchema } from "./drill-input";

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });
const errors = { 401: problem("Not signed in (no API token or session)"), 403: problem("The role does not allow it"), 422: problem("Invalid input: nothing was changed") };
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };

/**
 * The OpenAPI 3.1 path items of the reports and DR tests routes (issue 8), for lib/api/build-openapi-document.ts to
 * merge into /api/v1/openapi.json. Request bodies come from the same zod schemas the features validate with.
 */
export function buildDrillsOpenApiPaths(): Record<string, unknown> {
  return {
    "/api/v1/incidents/{id}/report": {
      get: {
        operationId: "getIncidentReport",
        summary: "The incident's report for the retrospective: JSON (versioned schema), Markdown or Word; format=schema gives the JSON Schema",
        parameters: [idParam, { name: "format", in: "query", required: false, schema: { type: "string", enum: ["json", "md", "docx", "schema"], default: "json" } }],
        responses: {
          200: {
            description: "The report",
            content: {
              "application/json": { schema: { $ref: "https://dr-console.education.gov.uk/schemas/incident-report/v1.json" } },
              "text/markdown": { schema: { type: "string" } },
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { schema: { type: "string", format: "binary" } },
            },
          },
          404: problem("No such incident"),
          ...errors,
        },
      },
    },
    "/api/v1/drills": {
      get: {
        operationId: "listDrills",
        summary: "Scheduled DR tests in time order, with their runs and outcomes",
        parameters: [
          { name: "from", in: "query", required: false, schema: { type: "string", format: "date-time" } },
          { name: "to", in: "query", required: false, schema: { type: "string", format: "date-time" } },
          { name: "status", in: "query", required: false, schema: { type: "string", enum: ["scheduled", "started", "completed", "cancelled"] } },
        ],
        responses: { 200: { description: "DR tests" }, ...errors },
      },
      post: {
        operationId: "scheduleDrill",
        summary: "Schedule a DR test (admins); the time is typed in UK time or UTC",
        requestBody: { required: true, content: { "application/json": { schema: json(scheduleDrillInputSchema) } } },
        responses: { 201: { description: "Scheduled" }, ...errors },
      },
    },
    "/api/v1/drills/{id}": { get: { operationId: "getDrill", summary: "One DR test", parameters: [idParam], responses: { 200: { description: "The DR test" }, 404: problem("No such DR test"), ...errors } } },
    "/api/v1/drills/{id}/start": {
      post: {
        operationId: "startDrill",
        summary: "Start one scenario of the DR test as a drill-mode incident (leads)",
        parameters: [idParam],
        requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { scenario: { type: "string" } }, required: ["scenario"] } } } },
        responses: { 201: { description: "Started: { incidentId }" }, 409: problem("Already running, cancelled or completed"), ...errors },
      },
    },
    "/api/v1/drills/{id}/outcomes": {
      post: {
        operationId: "recordDrillOutcome",
        summary: "The post-scenario record: outcome, time taken, issues, the report attached; updates the service list (leads)",
        parameters: [idParam],
        requestBody: { required: true, content: { "application/json": { schema: json(recordDrillOutcomeInputSchema) } } },
        responses: { 201: { description: "Recorded" }, 409: problem("Already recorded"), ...errors },
      },
    },
    "/api/v1/drills/cadences": {
      post: {
        operationId: "setDrillCadence",
        summary: "How often a scenario is tested in an environment (admins)",
        requestBody: { required: true, content: { "application/json": { schema: json(setDrillCadenceInputSchema) } } },
        responses: { 201: { description: "Set" }, ...errors },
      },
    },
    "/api/v1/drills/matrix": { get: { operationId: "getDrillMatrix", summary: "Scenario x environment: last test, cadence, next due, overdue", responses: { 200: { description: "The matrix" }, ...errors } } },
    "/api/v1/drills/calendar.ics": {
      get: {
        operationId: "getDrillCalendar",
        summary: "The DR tests as an iCalendar feed (an API token may be given as ?token= for calendar apps)",
        parameters: [{ name: "token", in: "query", required: false, schema: { type: "string" } }],
        responses: { 200: { description: "iCalendar", content: { "text/calendar": { schema: { type: "string" } } } }, ...errors },
      },
    },
  };
}
