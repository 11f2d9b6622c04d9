import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "../../audit/actor";
import { resetEnvCache } from "../../config/env";
import { db } from "../../db";
import { ConflictError, ForbiddenError, NotSignedInError, ValidationError } from "../../errors";
import { authenticateRequest } from "../authenticate-request";
import { createSession } from "../sessions/create-session";
import { sessionCookie } from "../sessions/session-cookie";
import { changeUserRole } from "../users/change-user-role";
import { createApiToken } from "./create-api-token";
import { listApiTokens } from "./list-api-tokens";
import { revokeApiToken } from "./revoke-api-token";
import { hashTokenSecret } from "./token-secret";

/** API tokens on the real database: shown once, stored hashed, scoped, expiring, revocable, every refusal audited. */

async function person(name: string, role: Actor["role"]): Promise<Actor> {
  const user = await db().user.create({ data: { email: `${name.toLowerCase().replace(/ /g, ".")}@example.test`, name, role }, select: { id: true, name: true, role: true } });
  return user;
}
const request = (token: string | null, method = "GET") =>
  new Request("http://localhost/api/v1/incidents", { method, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
const refusedRows = () => db().auditEvent.findMany({ where: { action: "access.refused" }, orderBy: { id: "asc" }, select: { actorId: true, detail: true } });

afterEach(() => {
  delete process.env.API_TOKEN_MAX_DAYS;
  resetEnvCache();
});

describe("API tokens", () => {
  it("are shown once and stored only as a hash; they act as their owner with their role, audited", async () => {
    const lena = await person("Lena Token", "lead");
    const created = await createApiToken({ actor: lena, input: { name: "DR script", expiresInDays: 30 } });
    expect(created.token).toMatch(/^drc_[A-Za-z0-9_-]{43}$/);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashTokenSecret(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token.slice(4));
    expect(JSON.stringify(await db().auditEvent.findMany(), (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(created.token.slice(4));
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29.9 * 86_400_000);

    const signedIn = await authenticateRequest({ request: request(created.token, "POST") });
    expect(signedIn).toMatchObject({ via: "token", tokenId: created.id, actor: { id: lena.id, name: "Lena Token", role: "lead" } });
    expect(await db().auditEvent.count({ where: { action: "token.used", actorId: lena.id } })).toBe(1);
    // Reads are audited at most once an hour per token, so polling does not flood the trail.
    await authenticateRequest({ request: request(created.token) });
    await authenticateRequest({ request: request(created.token) });
    expect(await db().auditEvent.count({ where: { action: "token.used", actorId: lena.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "token.created", actorId: lena.id } })).toBe(1);
  });

  it("are scoped: at most the owner's role, and lowered with the owner", async () => {
    const rhys = await person("Rhys Token", "responder");
    await expect(createApiToken({ actor: rhys, input: { name: "too much", role: "lead", expiresInDays: 1 } })).rejects.toBeInstanceOf(ValidationError);
    const readOnly = await createApiToken({ actor: rhys, input: { name: "dashboard", role: "viewer", expiresInDays: 1 } });
    expect((await authenticateRequest({ request: request(readOnly.token) })).actor.role).toBe("viewer");
    const full = await createApiToken({ actor: rhys, input: { name: "script", expiresInDays: 1 } });
    expect((await authenticateRequest({ request: request(full.token) })).actor.role).toBe("responder");

    const ada = await person("Ada Token", "admin");
    await changeUserRole({ actor: ada, input: { userId: rhys.id, role: "viewer" } });
    expect((await authenticateRequest({ request: request(full.token) })).actor.role).toBe("viewer");
  });

  it("refuse wrong, expired and revoked tokens (401) and audit each refusal", async () => {
    const vera = await person("Vera Token", "viewer");
    const expired = await createApiToken({ actor: vera, input: { name: "old", expiresInDays: 1 } });
    await db().apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await createApiToken({ actor: vera, input: { name: "leaked", expiresInDays: 1 } });
    await revokeApiToken({ actor: vera, tokenId: revoked.id });

    const wrong = `drc_${"A".repeat(43)}`;
    for (const [token, reason] of [[wrong, /unknown/], ["not-a-token", /not a DR console token/], [expired.token, /expired/], [revoked.token, /revoked/]] as const) {
      const attempt = authenticateRequest({ request: request(token) });
      await expect(attempt).rejects.toBeInstanceOf(NotSignedInError);
      await expect(attempt).rejects.toThrow(reason);
    }
    await expect(authenticateRequest({ request: request(null) })).rejects.toBeInstanceOf(NotSignedInError);
    const rows = await refusedRows();
    expect(rows.map((r) => [r.actorId, (r.detail as { reason: string }).reason])).toEqual([
      ["anonymous", "unknown"],
      ["anonymous", "not a DR console token"],
      [vera.id, "expired"],
      [vera.id, "revoked"],
      ["anonymous", "no credentials"],
    ]);
  });

  it("are revoked by their owner or an admin, nobody else; admins list everyone's", async () => {
    const owner = await person("Owen Owner", "lead");
    const other = await person("Olga Other", "lead");
    const admin = await person("Adam Admin", "admin");
    const a = await createApiToken({ actor: owner, input: { name: "a", expiresInDays: 1 } });
    const b = await createApiToken({ actor: owner, input: { name: "b", expiresInDays: 1 } });
    await expect(revokeApiToken({ actor: other, tokenId: a.id })).rejects.toBeInstanceOf(ForbiddenError);
    await revokeApiToken({ actor: owner, tokenId: a.id });
    await expect(revokeApiToken({ actor: owner, tokenId: a.id })).rejects.toBeInstanceOf(ConflictError);
    await revokeApiToken({ actor: admin, tokenId: b.id });
    const revocations = await db().auditEvent.findMany({ where: { action: "token.revoked", actorId: { in: [owner.id, admin.id] } }, orderBy: { id: "asc" }, select: { actorId: true } });
    expect(revocations.map((r) => r.actorId)).toEqual([owner.id, admin.id]);
    expect((await listApiTokens({ actor: other })).length).toBe(0);
    expect((await listApiTokens({ actor: owner })).map((t) => [t.name, t.status])).toEqual([["b", "revoked"], ["a", "revoked"]]);
    expect((await listApiTokens({ actor: admin, everyone: true })).length).toBeGreaterThanOrEqual(2);
    expect((await listApiTokens({ actor: other, everyone: true })).length).toBe(0);
  });

  it("leave browser sessions to same-site requests when they change something", async () => {
    const user = await db().user.create({ data: { email: "cora.cookie@example.test", name: "Cora Cookie", role: "lead" } });
    const { sessionToken } = await createSession({ userId: user.id, method: "sandbox" });
    const cookie = `${sessionCookie().name}=${sessionToken}`;
    const post = (headers: Record<string, string>) => authenticateRequest({ request: new Request("http://console.test/api/v1/incidents", { method: "POST", headers: { cookie, host: "console.test", ...headers } }) });
    await expect(post({ origin: "http://console.test" })).resolves.toMatchObject({ via: "session", actor: { id: user.id } });
    await expect(post({ origin: "https://evil.example" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(post({ "sec-fetch-site": "cross-site" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await authenticateRequest({ request: new Request("http://console.test/api/v1/incidents", { headers: { cookie, origin: "https://evil.example" } }) })).via).toBe("session");
  });

  it("expire within API_TOKEN_MAX_DAYS", async () => {
    process.env.API_TOKEN_MAX_DAYS = "10";
    resetEnvCache();
    const vic = await person("Vic Token", "viewer");
    await expect(createApiToken({ actor: vic, input: { name: "long", expiresInDays: 11 } })).rejects.toThrow(/at most 10 days/);
    await expect(createApiToken({ actor: vic, input: { name: "", expiresInDays: 1 } })).rejects.toBeInstanceOf(ValidationError);
    await expect(createApiToken({ actor: vic, input: { name: "ok", expiresInDays: 10 } })).resolves.toMatchObject({ role: "viewer" });
  });
});
