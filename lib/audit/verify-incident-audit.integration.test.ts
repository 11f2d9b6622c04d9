import pg from "pg";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { databaseUrl, db } from "../db";
import { inTransaction } from "../engine/transaction";
import type { Actor } from "./actor";
import { appendAuditEvent } from "./append-audit-event";
import { verifyIncidentAudit } from "./verify-incident-audit";

const actor: Actor = { id: "auditor", name: "Audit Test", role: "lead" };
const mine = randomUUID();
const other = randomUUID();

async function tamper(sql: string, values: unknown[]): Promise<void> {
  // The database's superuser, triggers off for the session: the "attacker" the chain is there to catch.
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query(`set session_replication_role = replica`);
    await client.query(sql, values);
  } finally {
    await client.end();
  }
}

describe("verifying one incident's audit rows in their place in the chain", () => {
  it("reads the incident's rows exactly as the query builder gives them (types, nulls, nested JSON, unicode)", async () => {
    const incidentId = randomUUID();
    await inTransaction((tx) => appendAuditEvent(tx, { actor, action: "test.event", outcome: "ok", incidentId, stepId: "s1", inputs: { n: 1, big: 2 ** 53 - 1, list: [1, "two", null, { deep: true }] } }));
    await inTransaction((tx) => appendAuditEvent(tx, { actor: { ...actor, name: "Zoë “Quoted” Ünïcode 😀" }, action: "test.event", outcome: "failed", incidentId, detail: { error: "line\nbreak", at: "2026-11-27T08:30:00.000Z" }, requestId: "req-12345678", correlationId: "c-1" }));
    const { rows, chain } = await verifyIncidentAudit({ incidentId });
    expect(chain).toMatchObject({ ok: true, checked: 2 });
    expect(rows).toEqual(await db().auditEvent.findMany({ where: { incidentId }, orderBy: { id: "asc" } }));
    expect(typeof rows[0]!.id).toBe("bigint");
    expect(rows[0]!.occurredAt).toBeInstanceOf(Date);
  });

  it("checks the incident's rows interleaved with another incident's, and names a changed row or a removed neighbour", async () => {
    // 30 rows, alternating in runs between two incidents, so that the incident's rows follow rows of the other.
    for (let i = 0; i < 30; i += 1) {
      await inTransaction((tx) => appendAuditEvent(tx, { actor, action: "test.event", outcome: "ok", incidentId: i % 5 < 3 ? mine : other, stepId: `s${i}`, inputs: { n: i } }));
    }
    const clean = await verifyIncidentAudit({ incidentId: mine });
    expect(clean.rows).toHaveLength(18);
    expect(clean.chain).toMatchObject({ ok: true, checked: 18, lastId: clean.rows[17]!.id.toString() });
    expect(await verifyIncidentAudit({ incidentId: randomUUID() })).toMatchObject({ rows: [], chain: { ok: true, checked: 0, lastId: null } });

    const victim = clean.rows[7]!;
    await tamper(`update "AuditEvent" set outcome = 'refused' where id = $1`, [victim.id]);
    expect((await verifyIncidentAudit({ incidentId: mine })).chain).toMatchObject({ ok: false, checked: 7, brokenAt: { id: victim.id.toString(), reason: "content_changed" } });
    await tamper(`update "AuditEvent" set outcome = 'ok' where id = $1`, [victim.id]);
    expect((await verifyIncidentAudit({ incidentId: mine })).chain.ok).toBe(true);

    // Removing the OTHER incident's row just before one of ours breaks our row's link.
    const all = await verifyIncidentAudit({ incidentId: other });
    const neighbour = all.rows.find((r) => clean.rows.some((m) => m.id === r.id + 1n))!;
    await tamper(`delete from "AuditEvent" where id = $1`, [neighbour.id]);
    expect((await verifyIncidentAudit({ incidentId: mine })).chain).toMatchObject({ ok: false, brokenAt: { id: (neighbour.id + 1n).toString(), reason: "link_broken" } });
  });
});
