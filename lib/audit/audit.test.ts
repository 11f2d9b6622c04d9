import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalJsonOf, type JsonValue } from "./canonical-json";
import { canonicalAuditBody, GENESIS_HASH, hashAuditEvent, hashedObject, type HashedAuditFields } from "./hash-audit-event";
import { REDACTED, redactSecrets } from "./redact-secrets";

const row: HashedAuditFields = {
  id: 7n,
  occurredAt: new Date("2026-03-29T01:30:00.123Z"),
  actorId: "u1",
  actorName: "Ada",
  actorRole: "lead",
  action: "step.started",
  incidentId: "5b1f7c1e-0000-4000-8000-000000000001",
  stepId: "restore-point-in-time",
  operationId: null,
  inputs: { newServer: "s189t01-aytq-ts-pg-ptr", restorePoint: { utc: "2026-03-29T00:00:00Z", zone: "uk" } },
  outcome: "ok",
  detail: null,
  requestId: "req-1",
  correlationId: null,
  prevHash: GENESIS_HASH,
};

describe("audit hashing", () => {
  it("gives the same text for a value that is JSON already, without the round trip", () => {
    const values: JsonValue[] = [null, 0, -0.5, 1e21, 123456789.125, "naïve “quotes” \u2028", [], {}, [1, "a", null, { z: [true, false], a: { m: 1.5 } }], { "é": 1, e: 2, "10": 3, "9": 4 }];
    for (const value of values) expect(canonicalJsonOf(value)).toBe(canonicalJson(value));
  });

  it("canonicalises JSON (RFC 8785): key order does not matter", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: null, c: "x" }] })).toBe('{"a":[2,{"c":"x","d":null}],"b":1}');
  });
  it("gives the same hash for the same row, whatever the key order of its inputs", () => {
    const reordered = { ...row, inputs: { restorePoint: { zone: "uk", utc: "2026-03-29T00:00:00Z" }, newServer: "s189t01-aytq-ts-pg-ptr" } };
    expect(hashAuditEvent(reordered)).toBe(hashAuditEvent(row));
    expect(hashAuditEvent(row)).toMatch(/^[0-9a-f]{64}$/);
  });
  it("ignores fields outside the row's contents (a row read back carries its own hash)", () => {
    expect(hashAuditEvent({ ...row, hash: "x" } as HashedAuditFields)).toBe(hashAuditEvent(row));
  });
  it("changes the hash when any field or the previous hash changes", () => {
    const base = hashAuditEvent(row);
    expect(hashAuditEvent({ ...row, outcome: "failed" })).not.toBe(base);
    expect(hashAuditEvent({ ...row, id: 8n })).not.toBe(base);
    expect(hashAuditEvent({ ...row, occurredAt: new Date("2026-03-29T01:30:00.124Z") })).not.toBe(base);
    expect(hashAuditEvent({ ...row, prevHash: "f".repeat(64) })).not.toBe(base);
    expect(hashAuditEvent({ ...row, inputs: { ...(row.inputs as object), newServer: "other" } })).not.toBe(base);
  });
});

describe("the audit row's canonical text, written key by key", () => {
  it("is the hash every stored chain was written with (pinned from the canonicalize-only version)", () => {
    const stored = {
      ...row, actorId: "u-1", actorName: "Zoë O’Brien", incidentId: "0bdf51e9-a722-4076-89b5-aa7041c2e7ba",
      inputs: { b: [1, 2.5, "x"], a: { z: null, é: true } },
    } satisfies HashedAuditFields;
    expect(hashAuditEvent(stored)).toBe("77a0fbe96c728bcdd2b256de4b41bd8da9cd9c57b900cb0ede6980d8daefb906");
  });

  it("is exactly RFC 8785's text of the row, for thousands of random rows: unicode, nesting, numbers, nulls", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const pick = <T,>(items: T[]) => items[Math.floor(random() * items.length)]!;
    const text = () => pick(["", "a", "Zoë", "O’Brien", "tab\there", 'quote " and \\', "emoji 🚑", "line\nbreak", "\u0001", "日本", "del \u007f", "plain-ascii_1.2 {}[]~`'/:@", "\u2028 separator"]) + Math.floor(random() * 100);
    const json = (depth: number): JsonValue => {
      const kind = depth > 2 ? Math.floor(random() * 4) : Math.floor(random() * 6);
      if (kind === 0) return null;
      if (kind === 1) return pick([0, -1, 1.5, 1e21, 2 ** 53, -0.000001, 123456789]);
      if (kind === 2) return random() < 0.5;
      if (kind === 3) return text();
      if (kind === 4) return Array.from({ length: Math.floor(random() * 4) }, () => json(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [text(), json(depth + 1)]));
    };
    for (let i = 0; i < 3000; i += 1) {
      const fields: HashedAuditFields = {
        ...row,
        id: BigInt(Math.floor(random() * 1e12)),
        occurredAt: new Date(Math.floor(random() * 4e12)),
        actorName: text(),
        action: text(),
        incidentId: random() < 0.3 ? null : text(),
        stepId: random() < 0.3 ? null : text(),
        operationId: random() < 0.5 ? null : text(),
        inputs: random() < 0.2 ? null : json(0),
        detail: random() < 0.2 ? null : json(0),
        requestId: random() < 0.5 ? null : text(),
        correlationId: random() < 0.5 ? null : text(),
      };
      expect(canonicalAuditBody(fields)).toBe(canonicalJsonOf(hashedObject(fields)));
    }
    // A field left undefined by a caller outside TypeScript's view is left out, as canonicalize leaves it out.
    const loose = { ...row, inputs: undefined } as unknown as HashedAuditFields;
    expect(canonicalAuditBody(loose)).toBe(canonicalJsonOf(hashedObject(loose)));
    expect(() => canonicalAuditBody({ ...row, actorName: "\ud800" })).toThrow(/Lone surrogate/);
  });
});

describe("secrets never enter the audit trail", () => {
  it("replaces secret-named keys and scrubs credentials inside values, keeping ids", () => {
    const redacted = redactSecrets({
      password: "hunter2",
      githubToken: "ghp_abc",
      nested: { clientSecret: "s", note: "use postgresql://app:s3cret@host:5432/db and Bearer abc.def" },
      idempotencyKey: "incident:step:1",
      when: new Date("2026-01-01T00:00:00Z"),
    });
    expect(redacted).toEqual({
      password: REDACTED,
      githubToken: REDACTED,
      nested: { clientSecret: REDACTED, note: `use postgresql://app:${REDACTED}@host:5432/db and Bearer ${REDACTED}` },
      idempotencyKey: "incident:step:1",
      when: "2026-01-01T00:00:00.000Z",
    });
  });
});
