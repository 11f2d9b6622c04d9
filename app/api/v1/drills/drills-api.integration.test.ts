import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mammoth from "mammoth";
import type { Actor } from "@/lib/audit/actor";
import { createSession } from "@/lib/auth/sessions/create-session";
import { sessionCookie } from "@/lib/auth/sessions/session-cookie";
import { createApiToken } from "@/lib/auth/tokens/create-api-token";
import { db } from "@/lib/db";
import { startTestEngine, type TestEngine } from "@/lib/engine/testing/engine-harness";
import { runFinishedDrill } from "@/lib/reports/testing/run-finished-drill";
import { GET as getReport } from "../incidents/[id]/report/route";
import { GET as getCalendar } from "./calendar.ics/route";
import { GET as getMatrix } from "./matrix/route";
import { GET as listDrills, POST as scheduleDrill } from "./route";
import { POST as startDrill } from "./[id]/start/route";

/** The route handlers, called with Request objects: a session cookie or an API token, as a browser or a script would. */

let harness: TestEngine;
let incidentId: string;
const cookies: Record<string, string> = {};
const actors: Record<string, Actor> = {};
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

beforeAll(async () => {
  harness = await startTestEngine();
  for (const role of ["viewer", "lead", "admin"] as const) {
    const user = await db().user.create({ data: { email: `${role}@drills.test`, name: `Drills ${role}`, role } });
    actors[role] = { id: user.id, name: user.name, role };
    const { sessionToken } = await createSession({ userId: user.id, method: "sandbox" });
    cookies[role] = `${sessionCookie().name}=${sessionToken}`;
  }
  incidentId = await runFinishedDrill({ harness });
}, 120_000);
afterAll(async () => {
  await harness.stop();
});

const as = (who: string | null, path: string, init: RequestInit = {}) =>
  new Request(`http://localhost${path}`, { ...init, headers: { ...(who ? { cookie: cookies[who]! } : {}), ...(init.body ? { "content-type": "application/json" } : {}), ...(init.headers as Record<string, string>) } });

describe("GET /api/v1/incidents/{id}/report", () => {
  it("serves JSON, Markdown and Word with download names, the JSON Schema, and problems for the rest", async () => {
    const json = await getReport(as("viewer", `/api/v1/incidents/${incidentId}/report`), params({ id: incidentId }));
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    expect(json.headers.get("content-disposition")).toMatch(/^attachment; filename="dr-test-report-test-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.json"$/);
    const body = (await json.json()) as { schemaVersion: number; $schema: string; steps: unknown[] };
    expect(body).toMatchObject({ schemaVersion: 1, $schema: expect.stringMatching(/incident-report\/v1\.json$/) });
    expect(body.steps).toHaveLength(14);

    const md = await getReport(as("viewer", `/api/v1/incidents/${incidentId}/report?format=md`), params({ id: incidentId }));
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(await md.text()).toMatch(/^# DR test: Scenario 2: Loss of data, test/);

    const docx = await getReport(as("viewer", `/api/v1/incidents/${incidentId}/report?format=docx`), params({ id: incidentId }));
    expect(docx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) });
    expect(value).toContain("Scenarios run");

    const schema = await getReport(as("viewer", `/api/v1/incidents/${incidentId}/report?format=schema`), params({ id: incidentId }));
    expect(((await schema.json()) as { $id: string }).$id).toMatch(/v1\.json$/);

    const bad = await getReport(as("viewer", `/api/v1/incidents/${incidentId}/report?format=pdf`), params({ id: incidentId }));
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect((await getReport(as("viewer", "/api/v1/incidents/nope/report"), params({ id: "nope" }))).status).toBe(404);
    const anonymous = await getReport(as(null, `/api/v1/incidents/${incidentId}/report`), params({ id: incidentId }));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });
});

describe("/api/v1/drills", () => {
  it("schedules (admins only), lists, starts (leads), and serves the matrix and the calendar feed (a token in ?token= too)", async () => {
    const input = { scenarios: ["loss-of-database-server"], environment: "preprod", scheduledAt: { time: "2027-06-01 14:00", zone: "uk" } };
    expect((await scheduleDrill(as("lead", "/api/v1/drills", { method: "POST", body: JSON.stringify(input) }))).status).toBe(403);
    const created = await scheduleDrill(as("admin", "/api/v1/drills", { method: "POST", body: JSON.stringify(input) }));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(created.headers.get("location")).toBe(`/api/v1/drills/${id}`);
    const invalid = await scheduleDrill(as("admin", "/api/v1/drills", { method: "POST", body: JSON.stringify({ ...input, scheduledAt: "2027-06-01 14:00" }) }));
    expect(invalid.status).toBe(422);

    const listed = (await (await listDrills(as("viewer", "/api/v1/drills?status=scheduled"))).json()) as { drills: { id: string; scheduledAt: { utc: string } }[] };
    expect(listed.drills.find((d) => d.id === id)?.scheduledAt.utc).toBe("2027-06-01T13:00:00.000Z");

    expect((await startDrill(as("viewer", `/api/v1/drills/${id}/start`, { method: "POST", body: JSON.stringify({ scenario: "loss-of-database-server" }) }), params({ id }))).status).toBe(403);
    const started = await startDrill(as("lead", `/api/v1/drills/${id}/start`, { method: "POST", body: JSON.stringify({ scenario: "loss-of-database-server" }) }), params({ id }));
    expect(started.status).toBe(201);
    const again = await startDrill(as("lead", `/api/v1/drills/${id}/start`, { method: "POST", body: JSON.stringify({ scenario: "loss-of-database-server" }) }), params({ id }));
    expect(again.status).toBe(409);

    const matrix = (await (await getMatrix(as("viewer", "/api/v1/drills/matrix"))).json()) as { rows: { scenario: { id: string }; cells: unknown[] }[] };
    expect(matrix.rows.map((r) => r.scenario.id)).toEqual(["loss-of-database-server", "loss-of-data"]);

    const { token } = await createApiToken({ actor: actors.viewer!, input: { name: "calendar", expiresInDays: 30 } });
    const feed = await getCalendar(as(null, `/api/v1/drills/calendar.ics?token=${encodeURIComponent(token)}`));
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(await feed.text()).toContain("DTSTART:20270601T130000Z");
    expect((await getCalendar(as(null, "/api/v1/drills/calendar.ics?token=wrong"))).status).toBe(401);
    expect((await getCalendar(as(null, "/api/v1/drills/calendar.ics"))).status).toBe(401);
  });
});
