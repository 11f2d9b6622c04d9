import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/tokens/create-api-token";
import { resetEnvCache } from "@/lib/config/env";
import { db } from "@/lib/db";
import { startTestEngine, waitForStep, type TestEngine } from "@/lib/engine/testing/engine-harness";
import { GET as listIncidents, POST as createIncident } from "./incidents/route";
import { GET as getIncident } from "./incidents/[id]/route";
import { POST as actOnStep } from "./incidents/[id]/steps/[stepId]/actions/route";
import { POST as actOnIncident } from "./incidents/[id]/actions/route";
import { GET as incidentAudit } from "./incidents/[id]/audit/route";
import { GET as verifyAudit } from "./audit/verify/route";
import { GET as openApi } from "./openapi.json/route";
import { GET as listScenarios } from "./scenarios/route";

/** The route handlers, called directly with Request objects (no server needed). */

let harness: TestEngine;
/** Authorization headers of API tokens made for two leads and a viewer (lib/auth/tokens). */
let lead: Record<string, string>;
let lead2: Record<string, string>;
let viewer: Record<string, string>;
beforeAll(async () => {
  harness = await startTestEngine();
  const bearer = async (email: string, name: string, role: "viewer" | "lead") => {
    const user = await db().user.create({ data: { email, name, role } });
    const { token } = await createApiToken({ actor: { id: user.id, name, role }, input: { name: "api test", expiresInDays: 1 } });
    return { authorization: `Bearer ${token}` };
  };
  lead = await bearer("alice@example.test", "Alice Lead", "lead");
  lead2 = await bearer("bob@example.test", "Bob Lead", "lead");
  viewer = await bearer("vic@example.test", "Vic Viewer", "viewer");
});
afterAll(async () => {
  await harness.stop();
});

const url = (path: string) => `http://localhost${path}`;
const post = (path: string, body: unknown, headers: Record<string, string> = lead) =>
  new Request(url(path), { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
const get = (path: string, headers: Record<string, string> = lead) => new Request(url(path), { headers });
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

async function expectProblem(response: Response, status: number, title: RegExp | string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const problem = (await response.json()) as { title: string; detail: string; status: number; requestId: string; reason?: string; issues?: unknown[] };
  expect(problem.title).toMatch(title);
  expect(problem.status).toBe(status);
  expect(problem.requestId).toBeTruthy();
  return problem;
}

describe("HTTP API /api/v1", () => {
  it("opens an incident, shows its steps, runs a step, and answers bad requests with problem+json", async () => {
    const anonymous = await createIncident(post("/api/v1/incidents", { scenario: "loss-of-data", environment: "test", mode: "drill" }, {}));
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
    await expectProblem(anonymous, 401, "Sign in needed");
    const invalid = await expectProblem(await createIncident(post("/api/v1/incidents", { scenario: "flood", environment: "staging", mode: "drill" })), 422, "Invalid input");
    expect(invalid.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: "scenario" }), expect.objectContaining({ path: "environment" })]));
    await expectProblem(await createIncident(post("/api/v1/incidents", "{not json")), 422, "Invalid input");

    const created = await createIncident(post("/api/v1/incidents", { scenario: "loss-of-data", environment: "test", mode: "drill", detectedAt: { time: "2026-03-29T00:30", zone: "uk" } }));
    expect(created.status).toBe(201);
    const incident = (await created.json()) as { id: string; detectedAt: { utc: string; text: string }; steps: { id: string; title: string; kind: string; state: string; inputs: unknown; outputs: unknown }[] };
    expect(created.headers.get("location")).toBe(`/api/v1/incidents/${incident.id}`);
    expect(incident.detectedAt).toEqual({ utc: "2026-03-29T00:30:00.000Z", text: "Sun 29 Mar 2026 00:30:00 UTC (00:30:00 GMT, UK time)" });

    const listed = (await (await listIncidents(get("/api/v1/incidents?environment=test&mode=drill"))).json()) as { incidents: { id: string }[] };
    expect(listed.incidents.map((i) => i.id)).toContain(incident.id);
    await expectProblem(await listIncidents(get("/api/v1/incidents?status=burning")), 422, "Invalid input");

    const shown = (await (await getIncident(get(`/api/v1/incidents/${incident.id}`), params({ id: incident.id }))).json()) as typeof incident;
    expect(shown.steps[0]).toMatchObject({ id: "stop-service", title: "Stop the service", kind: "operation", state: "ready", inputs: null, outputs: null });
    await expectProblem(await getIncident(get("/api/v1/incidents/nope"), params({ id: "nope" })), 404, "Not found");

    const started = await actOnStep(post(`/api/v1/incidents/${incident.id}/steps/stop-service/actions`, { action: "start" }), params({ id: incident.id, stepId: "stop-service" }));
    expect(started.status).toBe(202);
    expect(await started.json()).toMatchObject({ state: "running", attempt: 1, operationId: expect.any(String) });
    await waitForStep({ incidentId: incident.id, stepId: "stop-service" });
    const again = await expectProblem(
      await actOnStep(post(`/api/v1/incidents/${incident.id}/steps/stop-service/actions`, { action: "start" }), params({ id: incident.id, stepId: "stop-service" })),
      409, "Conflict with the current state",
    );
    expect(again.reason).toBe("step_succeeded");
    await expectProblem(
      await actOnStep(post(`/api/v1/incidents/${incident.id}/steps/stop-service/actions`, { action: "launch" }), params({ id: incident.id, stepId: "stop-service" })),
      422, "Invalid input",
    );
    await expectProblem(
      await actOnStep(post(`/api/v1/incidents/${incident.id}/steps/tidy-up/actions`, { action: "skip", reason: "not now" }), params({ id: incident.id, stepId: "tidy-up" })),
      409, "Conflict with the current state",
    );
    await expectProblem(
      await actOnStep(post(`/api/v1/incidents/${incident.id}/steps/freeze-pipeline/actions`, { action: "start" }, viewer), params({ id: incident.id, stepId: "freeze-pipeline" })),
      403, "Not allowed",
    );
    // Notes are plain text: markup that would run script in an export is refused with a message, and nothing changes.
    await expectProblem(
      await actOnStep(
        post(`/api/v1/incidents/${incident.id}/steps/start-incident-process/actions`, { action: "confirm", note: "#inc-drill <script>alert(1)</script>" }),
        params({ id: incident.id, stepId: "start-incident-process" }),
      ),
      422, "Invalid input",
    );
    const confirmed = await actOnStep(
      post(`/api/v1/incidents/${incident.id}/steps/start-incident-process/actions`, { action: "confirm", note: "#inc-drill channel opened" }),
      params({ id: incident.id, stepId: "start-incident-process" }),
    );
    expect(confirmed.status).toBe(200);

    const noted = await actOnIncident(post(`/api/v1/incidents/${incident.id}/actions`, { action: "note", text: "Drill started on time." }), params({ id: incident.id }));
    expect(noted.status).toBe(200);

    const audit = (await (await incidentAudit(get(`/api/v1/incidents/${incident.id}/audit`), params({ id: incident.id }))).json()) as { events: { action: string; occurredAtText: string }[] };
    expect(audit.events.map((e) => e.action)).toEqual(["incident.created", "step.started", "operation.sent", "step.succeeded", "step.confirmed", "note.recorded"]);
    expect(audit.events[0]!.occurredAtText).toMatch(/UTC \(.*UK time\)$/);
    await expectProblem(await incidentAudit(get(`/api/v1/incidents/${incident.id}/audit?afterId=x`), params({ id: incident.id })), 422, "Invalid input");

    expect(await (await verifyAudit(get("/api/v1/audit/verify"))).json()).toMatchObject({ ok: true });
  });

  it("approves a production change only from a second person with the inputs hash", async () => {
    const created = (await (await createIncident(post("/api/v1/incidents", { scenario: "loss-of-database-server", environment: "production", mode: "drill" }))).json()) as { id: string };
    const path = `/api/v1/incidents/${created.id}/steps/freeze-pipeline/actions`;
    const freeze = await actOnStep(post(path, { action: "start" }), params({ id: created.id, stepId: "freeze-pipeline" }));
    expect(freeze.status).toBe(202); // freezing changes GitHub, not the production service: no approval needed
    const revivePath = `/api/v1/incidents/${created.id}/steps/revive-server/actions`;
    const p = params({ id: created.id, stepId: "revive-server" });
    await waitForStep({ incidentId: created.id, stepId: "freeze-pipeline" });
    await actOnStep(post(`/api/v1/incidents/${created.id}/steps/find-server-deletion/actions`, { action: "skip", reason: "Activity log unreachable; deletion time from the portal." }), params({ id: created.id, stepId: "find-server-deletion" }));
    const deletedAt = new Date(Date.now() - 3 * 3600_000).toISOString();
    const restorePoint = new Date(Date.now() - 2 * 3600_000).toISOString();
    const inputs = { deletedAt, restorePoint };
    await expectProblem(await actOnStep(post(revivePath, { action: "start", inputs }), p), 422, "Invalid input");
    const requested = await actOnStep(post(revivePath, { action: "start", inputs, confirmation: "production" }), p);
    expect(await requested.json()).toMatchObject({ state: "awaiting_approval" });
    const view = (await (await getIncident(get(`/api/v1/incidents/${created.id}`), params({ id: created.id }))).json()) as { steps: { id: string; approval: { inputsHash: string } | null }[] };
    const hash = view.steps.find((s) => s.id === "revive-server")!.approval!.inputsHash;
    await expectProblem(await actOnStep(post(revivePath, { action: "approve", inputsHash: hash }), p), 403, "Not allowed");
    const approved = await actOnStep(post(revivePath, { action: "approve", inputsHash: hash }, lead2), p);
    expect(approved.status).toBe(202);
    expect(await approved.json()).toMatchObject({ state: "running" });
  });

  it("serves the OpenAPI 3.1 document and the scenarios; refuses requests without a valid token, in any mode", async () => {
    const doc = (await openApi().json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, { oneOf?: unknown[] }> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      "/api/v1/incidents", "/api/v1/incidents/{id}", "/api/v1/incidents/{id}/steps/{stepId}/actions", "/api/v1/incidents/{id}/audit", "/api/v1/audit/verify",
    ]));
    expect(JSON.stringify(doc.components.schemas.StepAction)).toContain('"approve"');
    const scenarios = (await (await listScenarios(get("/api/v1/scenarios?environment=preprod"))).json()) as { scenarios: { id: string; warnings: string[] }[] };
    expect(scenarios.scenarios.find((s) => s.id === "loss-of-data")!.warnings.join()).toMatch(/no backup storage/);
    await expectProblem(await listScenarios(get("/api/v1/scenarios?environment=staging")), 404, "Not found");

    await expectProblem(await listIncidents(get("/api/v1/incidents", {})), 401, "Sign in needed");
    process.env.DR_TARGET = "cloud";
    resetEnvCache();
    try {
      // The sandbox's gate is gone: a valid token works in any mode, and nothing else does.
      expect((await listIncidents(get("/api/v1/incidents"))).status).toBe(200);
      await expectProblem(await listIncidents(get("/api/v1/incidents", { authorization: "Bearer drc_wrong" })), 401, "Sign in needed");
    } finally {
      delete process.env.DR_TARGET;
      resetEnvCache();
    }
  });
});
