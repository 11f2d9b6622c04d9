import pg from "pg";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { databaseUrl, db } from "../db";
import { inTransaction } from "../engine/transaction";
import type { Actor } from "./actor";
import { appendAuditEvent } from "./append-audit-event";
import { GENESIS_HASH } from "./hash-audit-event";
import { listAuditEvents } from "./list-audit-events";
import { verifyAuditChain } from "./verify-audit-chain";

const actor: Actor = { id: "auditor", name: "Audit Test", role: "lead" };
const incidentId = randomUUID();

async function superuser<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  // The test database belongs to the machine's superuser: the "attacker" who can disable triggers.
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe("the audit trail", () => {
  it("keeps one chain under 40 concurrent appends, and removes secrets", async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        inTransaction((tx) =>
          appendAuditEvent(tx, { actor, action: "test.event", outcome: "ok", incidentId, stepId: `step-${i}`, inputs: { n: i, password: "hunter2", url: "postgresql://app:pw@h/db" } }),
        ),
      ),
    );
    const rows = await listAuditEvents({ incidentId, limit: 100 });
    expect(rows).toHaveLength(40);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(rows[0]!.inputs).toMatchObject({ password: "[redacted]", url: "postgresql://app:[redacted]@h/db" });
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checked: 40 });
  });

  it("refuses UPDATE, DELETE and TRUNCATE (trigger)", async () => {
    await expect(db().$executeRawUnsafe(`update "AuditEvent" set outcome = 'refused'`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(db().$executeRawUnsafe(`delete from "AuditEvent"`)).rejects.toThrow(/append-only: DELETE/);
    await expect(db().$executeRawUnsafe(`truncate "AuditEvent"`)).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await db().auditEvent.count()).toBe(40);
  });

  it("names the first broken link when a superuser tampers with the table, trigger disabled", async () => {
    const rows = await listAuditEvents({ incidentId, limit: 100 });
    const victim = rows[16]!;
    await superuser(async (client) => {
      await client.query(`alter table "AuditEvent" disable trigger "AuditEvent_append_only"`);
      await client.query(`update "AuditEvent" set outcome = 'refused' where id = $1`, [victim.id]);
      await client.query(`update "AuditEvent" set "actorName" = 'Someone Else' where id = $1`, [rows[30]!.id]);
      await client.query(`alter table "AuditEvent" enable trigger "AuditEvent_append_only"`);
    });
    const tampered = await verifyAuditChain();
    expect(tampered).toMatchObject({ ok: false, checked: 16, brokenAt: { id: victim.id, reason: "content_changed" } });
    if (!tampered.ok) expect(tampered.brokenAt.message).toBe(`Audit row ${victim.id} was changed after it was written: its contents no longer match its hash.`);

    // Put both back as they were, then remove a row instead (triggers off for the session).
    await superuser(async (client) => {
      await client.query(`set session_replication_role = replica`);
      await client.query(`update "AuditEvent" set outcome = 'ok' where id = $1`, [victim.id]);
      await client.query(`update "AuditEvent" set "actorName" = $2 where id = $1`, [rows[30]!.id, actor.name]);
    });
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checked: 40 });
    await superuser(async (client) => {
      await client.query(`set session_replication_role = replica`);
      await client.query(`delete from "AuditEvent" where id = $1`, [rows[24]!.id]);
    });
    expect(await verifyAuditChain({ batchSize: 7 })).toMatchObject({ ok: false, brokenAt: { id: rows[25]!.id, reason: "link_broken" } });
  });

  it("announces each new row on dr_events when its transaction commits", async () => {
    const listener = new pg.Client({ connectionString: databaseUrl() });
    await listener.connect();
    const received: { incidentId: string; auditId: string; action: string }[] = [];
    listener.on("notification", (n) => received.push(JSON.parse(n.payload ?? "{}")));
    await listener.query("listen dr_events");
    const other = randomUUID();
    const appended = await inTransaction((tx) => appendAuditEvent(tx, { actor, action: "step.started", outcome: "ok", incidentId: other, stepId: "freeze-pipeline" }));
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toMatchObject({ incidentId: other, auditId: appended.id.toString(), action: "step.started", stepId: "freeze-pipeline", row: { actorId: actor.id, outcome: "ok" } });
    await expect(inTransaction(async (tx) => {
      await appendAuditEvent(tx, { actor, action: "rolled.back", outcome: "ok", incidentId: other });
      throw new Error("rollback");
    })).rejects.toThrow("rollback");
    await new Promise((r) => setTimeout(r, 200));
    expect(received).toHaveLength(1);
    await listener.end();
  });
});
