import { readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/action-result";
import type { Actor } from "@/lib/audit/actor";
import { can, type Capability } from "@/lib/auth/capabilities";
import { ROLES, type Role } from "@/lib/auth/roles";
import { createSession } from "@/lib/auth/sessions/create-session";
import { sessionCookie } from "@/lib/auth/sessions/session-cookie";
import { resetEnvCache } from "@/lib/config/env";
import { db } from "@/lib/db";
import { createIncident } from "@/lib/incidents/create-incident";
import { stopBoss } from "@/lib/jobs/boss";
import { stopLiveHub } from "@/lib/live/get-live-hub";

/**
 * THE PERMISSION MATRIX. One table (MATRIX below) says what every page, route handler and server action of the
 * console needs; the test finds them all on disk (app/ page.tsx, route.ts, and every export of a "use server"
 * file), fails for any without an entry (or an entry without one), and calls each as anonymous, viewer, responder,
 * lead and admin, checking allowed or refused on the server:
 * - pages: anonymous -> redirect to /sign-in; without the capability -> forbidden() (403); else rendered.
 * - route handlers: anonymous -> 401; without the capability -> 403; else any other status below 500.
 * - server actions: anonymous -> "Sign in needed"; without the capability -> "Not allowed"; else anything else.
 * Refusals must also be written to the audit trail, except a stranger's page visit or the console's own polling
 * without a session (a session that ended is routine).
 * Calls use ids that do not exist where an allowed call would change something: "allowed" means it passed the
 * checks and reached the feature (which then answers "not found"), so the matrix changes no incident.
 */

type Needs = "public" | Capability;
interface Entry {
  needs: Needs;
  /** Server actions: the input to send (an object, or FormData for form actions). */
  input?: () => unknown;
  /** Route handlers: the JSON body, and the path to request (default: the file's path with the parameters). */
  body?: unknown;
  path?: string;
}

const MISSING = "00000000-0000-4000-8000-000000000000";
const step = { incidentId: MISSING, stepId: "stop-service" };
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

const MATRIX: Record<string, Entry> = {
  // Pages
  "page /": { needs: "read" },
  "page /account": { needs: "read" },
  "page /admin": { needs: "admin" },
  "page /audit": { needs: "read" },
  "page /drills": { needs: "read" },
  "page /drills/[id]": { needs: "read" },
  "page /incidents": { needs: "read" },
  "page /incidents/[id]": { needs: "read" },
  "page /incidents/[id]/audit": { needs: "read" },
  "page /incidents/[id]/report": { needs: "read" },
  "page /incidents/new": { needs: "lead" },
  "page /sign-in": { needs: "public" },
  // Route handlers
  "route GET /api/auth/[...nextauth]": { needs: "public", path: "/api/auth/session" },
  "route POST /api/auth/[...nextauth]": { needs: "public", path: "/api/auth/signout" },
  "route GET /api/health": { needs: "public" },
  "route GET /api/live": { needs: "read" },
  "route GET /api/ui/health": { needs: "read" },
  "route GET /api/ui/incidents": { needs: "read" },
  "route GET /api/ui/incidents/[id]": { needs: "read" },
  "route GET /api/ui/incidents/[id]/timeline": { needs: "read" },
  "route GET /api/v1/audit/verify": { needs: "read" },
  "route GET /api/v1/drills": { needs: "read" },
  "route POST /api/v1/drills": { needs: "admin", body: {} },
  "route GET /api/v1/drills/[id]": { needs: "read" },
  "route POST /api/v1/drills/[id]/outcomes": { needs: "lead", body: {}, path: `/api/v1/drills/${MISSING}/outcomes` },
  "route POST /api/v1/drills/[id]/start": { needs: "lead", body: {}, path: `/api/v1/drills/${MISSING}/start` },
  "route POST /api/v1/drills/cadences": { needs: "admin", body: {} },
  "route GET /api/v1/drills/calendar.ics": { needs: "read" },
  "route GET /api/v1/drills/matrix": { needs: "read" },
  "route GET /api/v1/incidents": { needs: "read" },
  "route POST /api/v1/incidents": { needs: "lead", body: { scenario: "no-such-scenario", environment: "test", mode: "drill" } },
  "route GET /api/v1/incidents/[id]": { needs: "read" },
  "route POST /api/v1/incidents/[id]/actions": { needs: "act", body: { action: "note", text: "matrix" }, path: `/api/v1/incidents/${MISSING}/actions` },
  "route GET /api/v1/incidents/[id]/audit": { needs: "read" },
  "route GET /api/v1/incidents/[id]/report": { needs: "read" },
  "route POST /api/v1/incidents/[id]/steps/[stepId]/actions": { needs: "act", body: { action: "confirm" }, path: `/api/v1/incidents/${MISSING}/steps/stop-service/actions` },
  "route GET /api/v1/openapi.json": { needs: "public" },
  "route GET /api/v1/scenarios": { needs: "read" },
  // Server actions
  "action app/account/actions.ts#createApiTokenAction": { needs: "read", input: () => ({ name: "matrix", expiresInDays: 1 }) },
  "action app/account/actions.ts#revokeApiTokenAction": { needs: "read", input: () => ({ tokenId: MISSING }) },
  "action app/admin/actions.ts#changeUserRoleAction": { needs: "admin", input: () => ({ userId: MISSING, role: "viewer" }) },
  "action app/drills/actions.ts#cancelDrillAction": { needs: "admin", input: () => ({ drillId: MISSING, reason: "matrix" }) },
  "action app/drills/actions.ts#dismissReminderAction": { needs: "act", input: () => ({ reminderId: MISSING }) },
  "action app/drills/actions.ts#recordDrillOutcomeAction": { needs: "lead", input: () => ({ drillId: MISSING }) },
  "action app/drills/actions.ts#removeDrillCadenceAction": { needs: "admin", input: () => ({ cadenceId: MISSING }) },
  "action app/drills/actions.ts#requestTidyUpAction": { needs: "lead", input: () => ({ incidentId: MISSING }) },
  "action app/drills/actions.ts#scheduleDrillAction": { needs: "admin", input: () => ({}) },
  "action app/drills/actions.ts#setDrillCadenceAction": { needs: "admin", input: () => ({ scenario: "no-such-scenario", environment: "test", intervalMonths: "3", startsLocal: "" }) },
  "action app/drills/actions.ts#startScheduledDrillAction": { needs: "lead", input: () => ({ drillId: MISSING, scenario: "loss-of-data" }) },
  "action app/incidents/[id]/report/actions.ts#addFollowUpActionAction": { needs: "act", input: () => ({ incidentId: MISSING }) },
  "action app/incidents/[id]/report/actions.ts#setPostReviewCheckAction": { needs: "act", input: () => ({ incidentId: MISSING, item: "matrix", done: true }) },
  "action app/incidents/[id]/report/actions.ts#updateFollowUpActionAction": { needs: "act", input: () => ({ incidentId: MISSING, followUpId: MISSING }) },
  "action app/incidents/actions.ts#approveStepAction": { needs: "lead", input: () => ({ ...step, inputsHash: "0".repeat(64) }) },
  "action app/incidents/actions.ts#chooseBranchAction": { needs: "lead", input: () => ({ incidentId: MISSING, branch: "option-2", reason: "matrix" }) },
  "action app/incidents/actions.ts#closeIncidentAction": { needs: "lead", input: () => ({ incidentId: MISSING, status: "abandoned", reason: "matrix" }) },
  "action app/incidents/actions.ts#confirmStepAction": { needs: "act", input: () => step },
  "action app/incidents/actions.ts#createIncidentAction": { needs: "lead", input: () => ({ scenario: "no-such-scenario", environment: "test", mode: "drill" }) },
  "action app/incidents/actions.ts#recordNoteAction": { needs: "act", input: () => ({ incidentId: MISSING, text: "matrix" }) },
  "action app/incidents/actions.ts#retryStepAction": { needs: "act", input: () => step },
  "action app/incidents/actions.ts#skipStepAction": { needs: "act", input: () => ({ ...step, reason: "matrix" }) },
  "action app/incidents/actions.ts#startStepAction": { needs: "act", input: () => step },
  "action app/sign-in/actions.ts#signInAsSandboxPersonAction": { needs: "public", input: () => form({ userId: MISSING, callbackUrl: "/" }) },
  "action app/sign-in/actions.ts#signInWithMicrosoftAction": { needs: "public", input: () => form({ callbackUrl: "/" }) },
  "action app/sign-in/actions.ts#signOutAction": { needs: "public", input: () => undefined },
};

/** Values for dynamic segments, by name. */
const SEGMENTS: Record<string, () => string | string[]> = {
  id: () => fixture.incidentId,
  stepId: () => "stop-service",
  nextauth: () => ["session"],
};

// --- The request each call runs in: next/headers answers from here (as Next would from the real request). ---
const request = { headers: new Headers(), cookies: new Map<string, string>() };
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
    getAll: () => [...request.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => request.cookies.has(name),
    set: (name: string, value: string) => void request.cookies.set(name, value),
    delete: (name: string | { name: string }) => void request.cookies.delete(typeof name === "string" ? name : name.name),
  }),
  draftMode: async () => ({ isEnabled: false }),
}));
// forbidden() is enabled by next.config.js's experimental.authInterrupts; Next's build sets this for it.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
// No sandbox for this test: the health checks answer "not available" at once instead of waiting on a sandbox
// another process may have left running (or not).
process.env.SANDBOX_ENDPOINTS_FILE = path.join(os.tmpdir(), `no-sandbox-${process.pid}.json`);
resetEnvCache();

const WHO = ["anonymous", ...ROLES] as const;
type Who = (typeof WHO)[number];
const fixture = { incidentId: "", users: {} as Record<Role, string> };

/** A fresh session for each call (the sign-out action ends the one it is called with). */
async function enterRequest(who: Who, urlPath: string, method: string): Promise<Record<string, string>> {
  request.cookies = new Map();
  const h: Record<string, string> = { "x-request-id": `matrix-${who}-${Date.now()}`, "x-dr-path": urlPath };
  if (method !== "GET") h["next-action"] = "matrix";
  if (who !== "anonymous") {
    const { sessionToken } = await createSession({ userId: fixture.users[who], method: "sandbox" });
    request.cookies.set(sessionCookie().name, sessionToken);
    h.cookie = `${sessionCookie().name}=${sessionToken}`;
  }
  request.headers = new Headers(h);
  return h;
}

// --- Discovery: what exists on disk. ---
const APP = path.resolve(import.meta.dirname);
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
interface Target { key: string; kind: "page" | "route" | "action"; file: string; route: string; method?: string; exportName?: string }

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") out.push(...(await walk(full)));
    } else out.push(full);
  }
  return out;
}
/** app/incidents/[id]/page.tsx -> /incidents/[id] (route groups and private folders as Next treats them). */
function routeOf(file: string): string {
  const segments = path.relative(APP, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}
async function discover(): Promise<Target[]> {
  const files = (await walk(APP)).filter((f) => !path.relative(APP, f).split(path.sep).some((s) => s.startsWith("_")));
  const targets: Target[] = [];
  for (const file of files) {
    const base = path.basename(file);
    if (/^page\.(tsx|ts|jsx|js)$/.test(base)) targets.push({ key: `page ${routeOf(file)}`, kind: "page", file, route: routeOf(file) });
    else if (/^route\.(ts|js)$/.test(base)) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of HTTP_METHODS.filter((m) => typeof mod[m] === "function")) {
        targets.push({ key: `route ${method} ${routeOf(file)}`, kind: "route", file, route: routeOf(file), method });
      }
    } else if (/\.(ts|tsx)$/.test(base) && !base.includes(".test.")) {
      const source = await readFile(file, "utf8");
      if (!/^\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(source)) continue;
      const mod = (await import(file)) as Record<string, unknown>;
      for (const name of Object.keys(mod).filter((n) => typeof mod[n] === "function")) {
        targets.push({ key: `action ${path.relative(path.dirname(APP), file)}#${name}`, kind: "action", file, route: routeOf(file), exportName: name });
      }
    }
  }
  return targets.sort((a, b) => a.key.localeCompare(b.key));
}

function paramsOf(route: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const m of route.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)) params[m[1]!] = SEGMENTS[m[1]!]?.() ?? MISSING;
  return params;
}
const fillPath = (route: string, params: Record<string, string | string[]>) =>
  route.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_all, name: string) => [params[name]].flat().join("/"));

type Outcome = { outcome: "allowed" } | { outcome: "unauthenticated" | "forbidden"; detail: string };
const digestOf = (error: unknown) => (error && typeof error === "object" && "digest" in error ? String((error as { digest: unknown }).digest) : "");

async function call(target: Target, entry: Entry, who: Who): Promise<Outcome> {
  const params = paramsOf(target.route);
  const urlPath = entry.path ?? fillPath(target.route, params);
  if (target.kind === "page") {
    await enterRequest(who, urlPath, "GET");
    const page = (await import(target.file)) as { default: (props: unknown) => Promise<unknown> };
    try {
      await page.default({ params: Promise.resolve(params), searchParams: Promise.resolve({}) });
      return { outcome: "allowed" };
    } catch (error) {
      const digest = digestOf(error);
      if (digest.startsWith("NEXT_REDIRECT") && digest.includes("/sign-in")) return { outcome: "unauthenticated", detail: digest };
      if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return { outcome: "forbidden", detail: digest };
      // Past the checks, the page found nothing for the id given: allowed (as an action's "not found" is).
      if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return { outcome: "allowed" };
      throw error;
    }
  }
  if (target.kind === "route") {
    const headers = await enterRequest(who, urlPath, target.method!);
    const mod = (await import(target.file)) as Record<string, (req: NextRequest, ctx: unknown) => Promise<Response>>;
    const req = new NextRequest(`http://localhost${urlPath}`, {
      method: target.method,
      headers: { ...headers, ...(entry.body ? { "content-type": "application/json" } : {}) },
      body: entry.body ? JSON.stringify(entry.body) : undefined,
    });
    const response = await mod[target.method!]!(req, { params: Promise.resolve(params) });
    await response.body?.cancel().catch(() => undefined);
    if (response.status === 401) return { outcome: "unauthenticated", detail: "401" };
    if (response.status === 403) return { outcome: "forbidden", detail: "403" };
    expect(response.status, `${target.key} as ${who}: unexpected status`).toBeLessThan(500);
    return { outcome: "allowed" };
  }
  await enterRequest(who, urlPath, "POST");
  const mod = (await import(target.file)) as Record<string, (input: unknown) => Promise<unknown>>;
  try {
    const result = (await mod[target.exportName!]!(entry.input?.())) as ActionResult<unknown> | undefined;
    if (result && typeof result === "object" && "ok" in result && !result.ok) {
      if (result.error.title === "Sign in needed") return { outcome: "unauthenticated", detail: result.error.message };
      if (result.error.title === "Not allowed") return { outcome: "forbidden", detail: result.error.message };
      expect(result.error.kind, `${target.key} as ${who}: ${result.error.message}`).toBe("expected");
    }
    return { outcome: "allowed" };
  } catch (error) {
    if (digestOf(error).startsWith("NEXT_REDIRECT")) return { outcome: "allowed" };
    throw error;
  }
}

function expected(needs: Needs, who: Who): Outcome["outcome"] {
  if (needs === "public") return "allowed";
  if (who === "anonymous") return "unauthenticated";
  return can(who, needs) ? "allowed" : "forbidden";
}

let targets: Target[] = [];
beforeAll(async () => {
  targets = await discover();
  const lead: Actor = { id: "", name: "", role: "lead" };
  for (const role of ROLES) {
    const user = await db().user.create({ data: { email: `matrix.${role}@example.test`, name: `Matrix ${role}`, role } });
    fixture.users[role] = user.id;
    if (role === "lead") Object.assign(lead, { id: user.id, name: user.name });
  }
  fixture.incidentId = (await createIncident({ actor: lead, input: { scenario: "loss-of-data", environment: "test", mode: "drill" } })).id;
}, 120_000);
afterAll(async () => {
  await stopLiveHub();
  await stopBoss();
});

describe("permission matrix", () => {
  it("has exactly one entry for every page, route handler and server action in app/", () => {
    const found = targets.map((t) => t.key);
    const missing = found.filter((k) => !(k in MATRIX));
    const stale = Object.keys(MATRIX).filter((k) => !found.includes(k));
    expect({ missing, stale }, "add the missing ones to MATRIX in app/permission-matrix.integration.test.ts, remove the stale ones").toEqual({ missing: [], stale: [] });
  });

  it("allows and refuses each one for anonymous, viewer, responder, lead and admin as the table says, and audits refusals", async () => {
    const rows: string[] = [];
    const failures: string[] = [];
    for (const target of targets) {
      const entry = MATRIX[target.key];
      if (!entry) continue;
      const cells: string[] = [];
      for (const who of WHO) {
        const before = await db().auditEvent.count({ where: { action: "access.refused" } });
        const got = await call(target, entry, who);
        const want = expected(entry.needs, who);
        cells.push(got.outcome === "allowed" ? "yes" : got.outcome === "forbidden" ? "403" : "401");
        if (got.outcome !== want) failures.push(`${target.key} as ${who}: expected ${want}, got ${got.outcome}${"detail" in got ? ` (${got.detail})` : ""}`);
        const audited = (await db().auditEvent.count({ where: { action: "access.refused" } })) > before;
        // A stranger's page visit or the console's own polling without a session is routine (a session ended):
        // not audited. Every other refusal is.
        const routine = got.outcome === "unauthenticated" && (target.kind === "page" || (target.kind === "route" && !target.route.startsWith("/api/v1")));
        if (got.outcome !== "allowed" && !routine && !audited) {
          failures.push(`${target.key} as ${who}: refused but not written to the audit trail`);
        }
      }
      rows.push(`${target.key.padEnd(72)} ${cells.map((c) => c.padEnd(5)).join(" ")}`);
    }
    console.log(`${"".padEnd(72)} ${WHO.map((w) => w.slice(0, 5).padEnd(5)).join(" ")}\n${rows.join("\n")}`);
    expect(failures).toEqual([]);
  });
});
