import { z } from "zod";
import { createIncidentInputSchema } from "../incidents/create-incident";
import { listIncidentsFilterSchema } from "../incidents/list-incidents";
import { scenarios } from "../runbooks/scenarios";
import { incidentActionBodySchema, stepActionBodySchema } from "./action-bodies";
import { buildDrillsOpenApiPaths } from "../drills/build-drills-openapi-paths";

/**
 * The OpenAPI 3.1 description of /api/v1. Request bodies come from the same zod schemas the handlers validate
 * with (z.toJSONSchema, JSON Schema 2020-12 as OpenAPI 3.1 uses), so the document cannot drift from the checks.
 * Response shapes are written here from lib/incidents/incident-view.ts and lib/audit.
 */
const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

const time = { type: "object", properties: { utc: { type: "string", format: "date-time" }, text: { type: "string", description: "UTC with UK local time beside it" } }, required: ["utc", "text"] };
const problemRef = { $ref: "#/components/schemas/Problem" };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { description: DESCRIPTIONS[code], content: { "application/problem+json": { schema: problemRef } } }]));
const DESCRIPTIONS: Record<number, string> = {
  401: "No valid API token or session: send Authorization: Bearer <token> (wrong, expired and revoked tokens are refused)",
  403: "Not allowed for this role (a viewer acting, a responder asking for a production change, the requester approving their own request)",
  404: "No such incident or step",
  409: "Conflicts with the current state (already running, inputs changed since the approver looked)",
  412: "A precondition does not hold (no backup storage in preprod)",
  422: "Invalid input: nothing was changed",
  500: "Unexpected error (logged with the request id)",
};
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const stepIdParam = {
  name: "stepId", in: "path", required: true,
  schema: { type: "string", enum: [...new Set(scenarios.flatMap((s) => s.steps.map((step) => step.id)))] },
};

export function buildOpenApiDocument(): Record<string, unknown> {
  const filters = json(listIncidentsFilterSchema) as { properties: Record<string, unknown> };
  return {
    openapi: "3.1.0",
    info: {
      title: "DR console API",
      version: "1",
      description:
        "Runs the AYTQ/CTR disaster-recovery runbook as audited incidents. Authenticate with an API token made on the console's API tokens page: `Authorization: Bearer drc_...`; a token acts with its owner's role (or less). Times are UTC (ISO 8601); texts show UK local time beside UTC. Errors are application/problem+json.",
    },
    servers: [{ url: "/" }],
    paths: {
      "/api/v1/incidents": {
        get: {
          operationId: "listIncidents", summary: "Incidents and drills, newest first",
          parameters: Object.entries(filters.properties).map(([name, schema]) => ({ name, in: "query", required: false, schema })),
          responses: { 200: { description: "Incidents", content: { "application/json": { schema: { type: "object", properties: { incidents: { type: "array", items: { $ref: "#/components/schemas/IncidentSummary" } } } } } } }, ...errors(401, 403, 422) },
        },
        post: {
          operationId: "createIncident", summary: "Open an incident or a drill", 
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/CreateIncident" } } } },
          responses: { 201: { description: "Opened; warnings say what cannot run in this environment", content: { "application/json": { schema: { $ref: "#/components/schemas/Incident" } } } }, ...errors(401, 403, 422) },
        },
      },
      "/api/v1/incidents/{id}": {
        get: {
          operationId: "getIncident", summary: "An incident with its steps (id, title, kind, state, inputs, outputs, attempts, operation)", parameters: [idParam],
          responses: { 200: { description: "The incident", content: { "application/json": { schema: { $ref: "#/components/schemas/Incident" } } } }, ...errors(401, 403, 404) },
        },
      },
      "/api/v1/incidents/{id}/steps/{stepId}/actions": {
        post: {
          operationId: "actOnStep", summary: "start (with inputs), confirm, skip (with a reason), retry, approve (a second person, with the inputs hash)",
          parameters: [idParam, stepIdParam],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/StepAction" } } } },
          responses: {
            200: { description: "Done (manual step confirmed, skipped, or awaiting approval)", content: { "application/json": { schema: { $ref: "#/components/schemas/StepActionResult" } } } },
            202: { description: "An operation was recorded and is being followed", content: { "application/json": { schema: { $ref: "#/components/schemas/StepActionResult" } } } },
            ...errors(401, 403, 404, 409, 412, 422),
          },
        },
      },
      "/api/v1/incidents/{id}/actions": {
        post: {
          operationId: "actOnIncident", summary: "choose-branch (with a reason), note, close", parameters: [idParam],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/IncidentAction" } } } },
          responses: { 200: { description: "Done", content: { "application/json": { schema: { type: "object" } } } }, ...errors(401, 403, 404, 409, 422) },
        },
      },
      "/api/v1/incidents/{id}/audit": {
        get: {
          operationId: "listIncidentAudit", summary: "The incident's audit rows, oldest first",
          parameters: [idParam, { name: "afterId", in: "query", schema: { type: "string", pattern: "^\\d+$" } }, { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 5000, default: 1000 } }],
          responses: { 200: { description: "Audit rows", content: { "application/json": { schema: { type: "object", properties: { events: { type: "array", items: { $ref: "#/components/schemas/AuditEvent" } } } } } } }, ...errors(401, 403, 404, 422) },
        },
      },
      "/api/v1/audit/verify": {
        get: {
          operationId: "verifyAuditChain", summary: "Recompute the hash chain; names the first broken link",
          responses: { 200: { description: "Result", content: { "application/json": { schema: { $ref: "#/components/schemas/AuditChainResult" } } } }, ...errors(401, 403) },
        },
      },
      "/api/v1/scenarios": {
        get: {
          operationId: "listScenarios", summary: "Scenarios and their steps; with ?environment=, what cannot run there",
          parameters: [{ name: "environment", in: "query", schema: { type: "string", enum: ["test", "preprod", "production"] } }],
          responses: { 200: { description: "Scenarios", content: { "application/json": { schema: { type: "object" } } } }, ...errors(401, 403, 404) },
        },
      },
      "/api/v1/openapi.json": { get: { operationId: "openApi", summary: "This document", security: [], responses: { 200: { description: "OpenAPI 3.1" } } } },
      // Reports and the DR test schedule (lib/drills, lib/reports) describe their own paths.
      ...buildDrillsOpenApiPaths(),
    },
    security: [{ apiToken: [] }],
    components: {
      securitySchemes: {
        apiToken: { type: "http", scheme: "bearer", description: "A DR console API token (drc_...), shown once when made; it expires and can be revoked." },
      },
      schemas: {
        CreateIncident: json(createIncidentInputSchema),
        StepAction: json(stepActionBodySchema),
        IncidentAction: json(incidentActionBodySchema),
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail", "requestId"],
          properties: {
            type: { type: "string", format: "uri" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" }, requestId: { type: "string" },
            issues: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
            reason: { type: "string", description: "e.g. step_running, inputs_changed, other_branch" },
          },
        },
        StepActionResult: {
          type: "object", required: ["incidentId", "stepId", "state", "attempt", "operationId"],
          properties: {
            incidentId: { type: "string" }, stepId: { type: "string" },
            state: { type: "string", enum: ["pending", "ready", "awaiting_approval", "running", "succeeded", "failed", "skipped"] },
            attempt: { type: "integer" }, operationId: { type: ["string", "null"] },
          },
        },
        Step: {
          type: "object",
          required: ["id", "title", "kind", "state", "inputs", "outputs"],
          properties: {
            id: { type: "string" }, title: { type: "string" }, kind: { type: "string", enum: ["manual", "operation", "verification", "decision"] },
            state: { type: "string", enum: ["pending", "ready", "awaiting_approval", "running", "succeeded", "failed", "skipped"] },
            inputs: {}, outputs: {}, error: { type: ["string", "null"] }, optional: { type: "boolean" }, needsApproval: { type: "boolean" },
            blockedBy: { type: "array", items: { type: "string" } }, guidance: { type: "array", items: { type: "string" } },
            input: { type: "object", description: "jsonSchema of the inputs and their defaults" },
            fallback: { type: ["object", "null"], description: "The manual way: commands, workflow page with inputs, portal path" },
            approval: { type: ["object", "null"], description: "A request waiting for a second incident lead; approve with its inputsHash before expiresAt", properties: { inputsHash: { type: "string" }, expiresAt: time, expired: { type: "boolean" } } },
            attempts: { type: "array", items: { type: "object" } }, operation: { type: ["object", "null"] },
          },
        },
        Incident: {
          type: "object",
          required: ["id", "scenario", "environment", "mode", "status", "steps", "warnings"],
          properties: {
            id: { type: "string", format: "uuid" }, scenario: { type: "object" }, environment: { type: "object" },
            mode: { type: "string", enum: ["incident", "drill"] }, status: { type: "string", enum: ["open", "resolved", "abandoned"] },
            branch: { type: ["string", "null"] }, detectedAt: time, restorePoint: { oneOf: [time, { type: "null" }] },
            steps: { type: "array", items: { $ref: "#/components/schemas/Step" } }, notes: { type: "array", items: { type: "object" } },
            participants: { type: "array", items: { type: "object" } }, warnings: { type: "array", items: { type: "string" } },
          },
        },
        IncidentSummary: { type: "object", required: ["id", "scenario", "environment", "mode", "status", "steps"], properties: { id: { type: "string" }, createdAt: time } },
        AuditEvent: {
          type: "object",
          required: ["id", "occurredAt", "actor", "action", "outcome", "hash", "prevHash"],
          properties: {
            id: { type: "string" }, occurredAt: { type: "string", format: "date-time" }, occurredAtText: { type: "string" },
            actor: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, role: { type: "string" } } },
            action: { type: "string" }, outcome: { type: "string" }, incidentId: { type: ["string", "null"] }, stepId: { type: ["string", "null"] },
            operationId: { type: ["string", "null"] }, inputs: {}, detail: {}, requestId: { type: ["string", "null"] }, correlationId: { type: ["string", "null"] },
            hash: { type: "string" }, prevHash: { type: "string" },
          },
        },
        AuditChainResult: {
          type: "object", required: ["ok", "checked"],
          properties: {
            ok: { type: "boolean" }, checked: { type: "integer" },
            brokenAt: { type: "object", properties: { id: { type: "string" }, reason: { type: "string", enum: ["content_changed", "link_broken"] }, message: { type: "string" } } },
          },
        },
      },
    },
  };
}
