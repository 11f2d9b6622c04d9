import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "../config/env";
import { ForbiddenError } from "../errors";
import { authoriseStepAction } from "../engine/authorise-step-action";
import { approvalExpiresAt, twoPersonRuleApplies } from "./approvals/two-person-rule";
import { assertCan, CAPABILITIES, can } from "./capabilities";
import { mapEntraRole, parseRoleMapping } from "./entra/map-entra-role";
import { lowerRole, ROLES } from "./roles";
import { safeCallbackPath } from "./safe-callback-path";
import { buildSecurityHeaders } from "./security/build-security-headers";
import { generateTokenSecret, hashTokenSecret, looksLikeToken } from "./tokens/token-secret";

afterEach(() => {
  for (const k of ["DR_TWO_PERSON_ENVIRONMENTS", "DR_DRILL_APPROVALS", "APPROVAL_TTL_MINUTES"]) delete process.env[k];
  resetEnvCache();
});
const person = (role: (typeof ROLES)[number]) => ({ id: role, name: `Pat ${role}`, role });

describe("role rules", () => {
  it("are cumulative: each role can do what the ones below it can", () => {
    expect(Object.fromEntries(ROLES.map((r) => [r, (Object.keys(CAPABILITIES) as (keyof typeof CAPABILITIES)[]).filter((c) => can(r, c))]))).toEqual({
      viewer: ["read"],
      responder: ["read", "act"],
      lead: ["read", "act", "lead"],
      admin: ["read", "act", "lead", "admin"],
    });
    expect(lowerRole("lead", "viewer")).toBe("viewer");
    expect(lowerRole("responder", "admin")).toBe("responder");
  });

  it("refuse with a sentence that names who may", () => {
    expect(() => assertCan({ actor: person("responder"), capability: "lead" })).toThrow("Only incident leads and admins can open and close incidents, request production changes or approve them: Pat responder is a responder.");
    expect(() => assertCan({ actor: person("lead"), capability: "admin" })).toThrow(/Only admins can .*: Pat lead is an incident lead/);
  });

  it("in the engine: responders act outside the two-person rule only; leads open, close, branch and approve", () => {
    expect(() => authoriseStepAction({ actor: person("viewer"), action: "note" })).toThrow(ForbiddenError);
    expect(() => authoriseStepAction({ actor: person("responder"), action: "start" })).not.toThrow();
    expect(() => authoriseStepAction({ actor: person("responder"), action: "start", productionChange: true })).toThrow(/only an incident lead or an admin can ask for it to run/);
    expect(() => authoriseStepAction({ actor: person("responder"), action: "confirm", productionChange: true })).toThrow(/record it as done by hand/);
    expect(() => authoriseStepAction({ actor: person("responder"), action: "skip", productionChange: true })).not.toThrow();
    for (const action of ["approve", "close", "create", "branch"] as const) {
      expect(() => authoriseStepAction({ actor: person("responder"), action })).toThrow(ForbiddenError);
      expect(() => authoriseStepAction({ actor: person("lead"), action })).not.toThrow();
    }
  });
});

describe("two-person rule", () => {
  const production = { key: "production", production: true };
  const test = { key: "test", production: false };
  it("applies to production-changing steps in production, and in listed environments unless drill approvals are off", () => {
    expect(twoPersonRuleApplies({ changesProduction: true, environment: production, mode: "incident" })).toBe(true);
    expect(twoPersonRuleApplies({ changesProduction: false, environment: production, mode: "incident" })).toBe(false);
    expect(twoPersonRuleApplies({ changesProduction: true, environment: test, mode: "drill" })).toBe(false);
    process.env.DR_TWO_PERSON_ENVIRONMENTS = "production, test";
    process.env.DR_DRILL_APPROVALS = "off";
    resetEnvCache();
    expect(twoPersonRuleApplies({ changesProduction: true, environment: test, mode: "incident" })).toBe(true);
    expect(twoPersonRuleApplies({ changesProduction: true, environment: test, mode: "drill" })).toBe(false);
    expect(twoPersonRuleApplies({ changesProduction: true, environment: production, mode: "drill" })).toBe(true);
  });

  it("expires requests after 15 minutes by default, configurable", () => {
    const at = new Date("2026-03-29T00:50:00Z");
    expect(approvalExpiresAt(at).toISOString()).toBe("2026-03-29T01:05:00.000Z");
    process.env.APPROVAL_TTL_MINUTES = "5";
    resetEnvCache();
    expect(approvalExpiresAt(at).toISOString()).toBe("2026-03-29T00:55:00.000Z");
  });
});

describe("Entra ID role mapping", () => {
  const mapping = "0f6c1e5a-1111-4222-8333-444455556666=responder,DR.Lead=lead,DR.Admin=admin";
  it("takes the highest mapped role from groups and app roles, or none", () => {
    expect(mapEntraRole({ claims: { groups: ["0f6c1e5a-1111-4222-8333-444455556666"] }, mapping })).toBe("responder");
    expect(mapEntraRole({ claims: { groups: ["0f6c1e5a-1111-4222-8333-444455556666"], roles: ["DR.Admin", "DR.Lead"] }, mapping })).toBe("admin");
    expect(mapEntraRole({ claims: { groups: ["someone-else"], roles: "DR.Lead" }, mapping })).toBeNull();
    expect(mapEntraRole({ claims: {}, mapping: "" })).toBeNull();
  });
  it("fails loudly on a wrong mapping", () => {
    expect(() => parseRoleMapping("DR.Lead=boss")).toThrow(/AUTH_ROLE_MAPPING: "DR.Lead=boss"/);
    expect(() => parseRoleMapping("=lead")).toThrow(/AUTH_ROLE_MAPPING/);
    expect([...parseRoleMapping(" a=viewer , b=lead ")]).toEqual([["a", "viewer"], ["b", "lead"]]);
  });
});

describe("sign-in redirects", () => {
  it("only ever go to a path on this console", () => {
    expect(safeCallbackPath("/incidents/1?tab=audit")).toBe("/incidents/1?tab=audit");
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/sign-in?callbackUrl=/x", "/api/v1/incidents", "/a\nb", null, ""]) {
      expect(safeCallbackPath(bad)).toBe("/");
    }
  });
});

describe("API token secrets", () => {
  it("are 256 random bits with a recognisable prefix, stored as sha256", () => {
    const a = generateTokenSecret();
    const b = generateTokenSecret();
    expect(a.token).not.toBe(b.token);
    expect(looksLikeToken(a.token)).toBe(true);
    expect(looksLikeToken("drc_short")).toBe(false);
    expect(a.hash).toBe(hashTokenSecret(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.prefix).toBe(a.token.slice(0, 10));
  });
});

describe("security headers", () => {
  it("set a nonce CSP that forbids framing, plus Referrer-Policy, and HSTS only over https", () => {
    const plain = buildSecurityHeaders({ nonce: "abc123", https: false, development: false });
    const csp = plain["content-security-policy"]!;
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(plain["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(plain["x-frame-options"]).toBe("DENY");
    expect(plain["strict-transport-security"]).toBeUndefined();
    const secure = buildSecurityHeaders({ nonce: "n", https: true, development: true, formActionOrigins: ["https://login.microsoftonline.com"] });
    expect(secure["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(secure["content-security-policy"]).toContain("'unsafe-eval'");
    expect(secure["content-security-policy"]).toContain("form-action 'self' https://login.microsoftonline.com");
    expect(secure["content-security-policy"]).toContain("upgrade-insecure-requests");
  });
});
