import { mkdtemp, readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { databaseUrl, db } from "../../db";
import { resetEnvCache } from "../../config/env";
import { ConflictError, ForbiddenError, NotFoundError } from "../../errors";
import { buildAuthConfig } from "../auth-config";
import { authenticateRequest } from "../authenticate-request";
import { applyEntraSignIn } from "../entra/apply-entra-sign-in";
import { prepareSandboxAccess, type SandboxTokensFile } from "../sandbox/prepare-sandbox-access";
import { signInAsSandboxPerson } from "../sandbox/sign-in-as-sandbox-person";
import { changeUserRole } from "../users/change-user-role";
import { endSession } from "./end-session";
import { findSessionActor } from "./find-session-actor";

/** Sessions, the sandbox's people and tokens file, sign-out, Entra role mapping and role changes, on PostgreSQL. */

const ENTRA = { AUTH_ENTRA_TENANT_ID: "3d5e0b1c-0000-4000-8000-00000000dfe0", AUTH_ENTRA_CLIENT_ID: "console-client", AUTH_ENTRA_CLIENT_SECRET: "client-secret" };
afterEach(() => {
  for (const k of ["DR_TARGET", "AUTH_ROLE_MAPPING", "AUTH_SECRET", "AUTH_URL", ...Object.keys(ENTRA)]) delete process.env[k];
  resetEnvCache();
});

describe("sandbox sign-in and the launcher's tokens file", () => {
  it("seeds one person per role plus a second lead and writes a working token for each; a restart replaces them", async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "dr-tokens-")), "tokens.json");
    expect(await prepareSandboxAccess({ databaseUrl: databaseUrl(), file })).toEqual({ file, people: 5 });
    const first = JSON.parse(await readFile(file, "utf8")) as SandboxTokensFile;
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(first.people.map((p) => [p.name, p.role])).toEqual([
      ["Vera Viewer", "viewer"], ["Rhys Responder", "responder"], ["Lena Lead", "lead"], ["Lewis Lead", "lead"], ["Ada Admin", "admin"],
    ]);
    for (const p of first.people) {
      const bearer = new Request("http://localhost/api/v1/incidents", { headers: { authorization: `Bearer ${p.token}` } });
      expect((await authenticateRequest({ request: bearer })).actor).toMatchObject({ id: p.userId, role: p.role });
    }
    await prepareSandboxAccess({ databaseUrl: databaseUrl(), file });
    const second = JSON.parse(await readFile(file, "utf8")) as SandboxTokensFile;
    expect(second.people.map((p) => p.userId)).toEqual(first.people.map((p) => p.userId));
    await expect(authenticateRequest({ request: new Request("http://localhost/x", { headers: { authorization: `Bearer ${first.people[0]!.token}` } }) })).rejects.toThrow(/revoked/);
  });

  it("opens a database session for a seeded person only, and only in sandbox mode (refusals audited)", async () => {
    await prepareSandboxAccess({ databaseUrl: databaseUrl(), file: path.join(os.tmpdir(), `dr-tokens-${process.pid}.json`) });
    const lewis = await db().user.findFirstOrThrow({ where: { name: "Lewis Lead" } });
    const session = await signInAsSandboxPerson({ userId: lewis.id });
    expect(await findSessionActor({ sessionToken: session.sessionToken })).toEqual({ id: lewis.id, name: "Lewis Lead", role: "lead" });
    expect(await db().session.findUniqueOrThrow({ where: { sessionToken: session.sessionToken } })).toMatchObject({ method: "sandbox", userId: lewis.id });
    expect(await db().auditEvent.findFirst({ where: { action: "auth.signed_in", actorId: lewis.id } })).toMatchObject({ outcome: "ok", detail: { method: "sandbox" } });

    const stranger = await db().user.create({ data: { email: "real.person@education.gov.uk", name: "Real Person", role: "admin" } });
    await expect(signInAsSandboxPerson({ userId: stranger.id })).rejects.toBeInstanceOf(NotFoundError);
    process.env.DR_TARGET = "cloud";
    resetEnvCache();
    await expect(signInAsSandboxPerson({ userId: lewis.id })).rejects.toBeInstanceOf(ForbiddenError);
    const refusals = await db().auditEvent.findMany({ where: { action: "access.refused", detail: { path: ["attempted"], equals: "sandbox sign-in" } }, orderBy: { id: "asc" }, select: { detail: true } });
    expect(refusals.map((r) => (r.detail as { reason: string }).reason)).toEqual(["not a seeded sandbox person", "not in sandbox mode"]);
    expect(await prepareSandboxAccess({ databaseUrl: databaseUrl(), file: "/nonexistent/never.json" })).toBeNull();
  });

  it("ends a session on sign-out, and ignores expired or unknown sessions", async () => {
    const user = await db().user.create({ data: { email: "sam.session@example.test", name: "Sam Session", role: "responder", sandboxSeed: true } });
    const session = await signInAsSandboxPerson({ userId: user.id });
    await endSession({ sessionToken: session.sessionToken });
    expect(await findSessionActor({ sessionToken: session.sessionToken })).toBeNull();
    expect(await db().auditEvent.count({ where: { action: "auth.signed_out", actorId: user.id } })).toBe(1);

    const old = await signInAsSandboxPerson({ userId: user.id });
    await db().session.update({ where: { sessionToken: old.sessionToken }, data: { expires: new Date(Date.now() - 1) } });
    expect(await findSessionActor({ sessionToken: old.sessionToken })).toBeNull();
    expect(await findSessionActor({ sessionToken: "made-up" })).toBeNull();
    expect(await findSessionActor({ sessionToken: undefined })).toBeNull();
  });
});

describe("roles", () => {
  it("maps Entra ID groups and app roles on sign-in (highest wins, audited); an unmapped newcomer stays a viewer", async () => {
    process.env.AUTH_ROLE_MAPPING = "11111111-aaaa-4aaa-8aaa-111111111111=responder, DR.Lead=lead";
    resetEnvCache();
    const newcomer = await db().user.create({ data: { email: "new.person@education.gov.uk", name: "New Person" } });
    await applyEntraSignIn({ userId: newcomer.id, claims: { groups: ["22222222-bbbb-4bbb-8bbb-222222222222"] }, isNewUser: true });
    expect((await db().user.findUniqueOrThrow({ where: { id: newcomer.id } })).role).toBe("viewer");
    await applyEntraSignIn({ userId: newcomer.id, claims: { groups: ["11111111-aaaa-4aaa-8aaa-111111111111"], roles: ["DR.Lead"] }, isNewUser: false });
    expect((await db().user.findUniqueOrThrow({ where: { id: newcomer.id } })).role).toBe("lead");
    const changes = await db().auditEvent.findMany({ where: { action: "user.role_changed" }, select: { actorId: true, detail: true } });
    expect(changes).toEqual([{ actorId: "system:entra-id", detail: expect.objectContaining({ userId: newcomer.id, from: "viewer", to: "lead" }) }]);
    expect(await db().auditEvent.count({ where: { action: "auth.signed_in", actorId: newcomer.id } })).toBe(2);
  });

  it("lets an admin change roles, applied to the next request, but never removes the last admin", async () => {
    const admin = await db().user.create({ data: { email: "only.admin@example.test", name: "Only Admin", role: "admin" } });
    await db().user.updateMany({ where: { role: "admin", id: { not: admin.id } }, data: { role: "viewer" } });
    const person = await db().user.create({ data: { email: "rita@example.test", name: "Rita", role: "viewer", sandboxSeed: true } });
    const session = await signInAsSandboxPerson({ userId: person.id });
    const actor = { id: admin.id, name: admin.name, role: admin.role };
    await expect(changeUserRole({ actor: { ...actor, role: "lead" }, input: { userId: person.id, role: "lead" } })).rejects.toBeInstanceOf(ForbiddenError);
    await changeUserRole({ actor, input: { userId: person.id, role: "lead" } });
    expect((await findSessionActor({ sessionToken: session.sessionToken }))?.role).toBe("lead");
    await expect(changeUserRole({ actor, input: { userId: admin.id, role: "lead" } })).rejects.toBeInstanceOf(ConflictError);
    await changeUserRole({ actor, input: { userId: person.id, role: "admin" } });
    await changeUserRole({ actor, input: { userId: admin.id, role: "lead" } });
    expect(await db().auditEvent.count({ where: { action: "user.role_changed", actorId: admin.id } })).toBe(3);
  });
});

describe("Auth.js configuration for Microsoft Entra ID", () => {
  it("uses the tenant's issuer, database sessions through the Prisma adapter, the shared cookie, and a name from the claims", async () => {
    Object.assign(process.env, ENTRA, { AUTH_URL: "https://dr-console.example.gov.uk", AUTH_SECRET: "x".repeat(40), DR_TARGET: "cloud" });
    resetEnvCache();
    const config = buildAuthConfig();
    expect(config.session).toMatchObject({ strategy: "database", maxAge: 12 * 3600 });
    expect(config.useSecureCookies).toBe(true);
    expect(config.cookies?.sessionToken?.name).toBe("__Secure-authjs.session-token");
    const provider = (config.providers as unknown as (() => { id: string; options: { issuer: string; profile(p: Record<string, unknown>): Promise<unknown> } })[])[0]!;
    const entra = typeof provider === "function" ? provider() : provider;
    expect(entra.id).toBe("microsoft-entra-id");
    expect(entra.options.issuer).toBe(`https://login.microsoftonline.com/${ENTRA.AUTH_ENTRA_TENANT_ID}/v2.0`);
    expect(await entra.options.profile({ sub: "s", oid: "o-1", preferred_username: "Ann.Other@Education.gov.uk", groups: ["g"] })).toEqual({
      id: "o-1", name: "ann.other@education.gov.uk", email: "ann.other@education.gov.uk", image: null,
    });
    // The adapter writes our Session rows, which the console's own reader then finds.
    const user = await config.adapter!.createUser!({ id: "ignored", name: "Ann Other", email: "ann.other@education.gov.uk", emailVerified: null });
    const session = await config.adapter!.createSession!({ sessionToken: "entra-session-token", userId: user.id, expires: new Date(Date.now() + 3600_000) });
    expect(session.sessionToken).toBe("entra-session-token");
    expect(await findSessionActor({ sessionToken: "entra-session-token" })).toEqual({ id: user.id, name: "Ann Other", role: "viewer" });

    delete process.env.AUTH_SECRET;
    resetEnvCache();
    expect(() => buildAuthConfig()).toThrow(/AUTH_SECRET is required when DR_TARGET=cloud/);
  });
});
