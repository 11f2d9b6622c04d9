import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/actor";
import { recordNote } from "../../lib/incidents/record-note";
import { proofsEnabled } from "./support/proof-env";
import { startFileProofStack, PROOF_STACK_TIMEOUT_MS, type ProofStack } from "./support/proof-stack";
import { seedBigIncident } from "./support/seed-big-incident";
import { sessionCookieFor } from "./support/session-cookie";

/**
 * Found by the benchmarks (issue 9): the run page started its timeline with the FIRST 5,000 audit events of the
 * incident, so on a long incident it never showed what happened last before the page was opened, and it sent them
 * all (plus every note) to every viewer: 4.9 MB and 1-2 s per page at 10,000 events. It shows the latest events now
 * (the audit trail page has them all).
 */
let stack: ProofStack;

describe.runIf(proofsEnabled())("the run page of a long incident", () => {
  beforeAll(async () => {
    stack = await startFileProofStack();
  }, PROOF_STACK_TIMEOUT_MS);
  afterAll(() => stack?.stop());

  it("shows the newest events, not the first 5,000, and stays small", async () => {
    const incidentId = await seedBigIncident({ stack, auditEvents: 6_000, notes: 200 });
    const responder: Actor = { id: stack.people.responder.id, name: stack.people.responder.name, role: "responder" };
    const newest = `The newest note, written after 6,000 events (${Date.now()})`;
    await recordNote({ actor: responder, incidentId, text: newest });
    const response = await fetch(`${stack.consoles[0]!.url}/incidents/${incidentId}`, { headers: { cookie: await sessionCookieFor(stack.people.lead.id) } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain(newest);
    expect(html).not.toContain("opened the incident");
    expect(html).toContain('data-testid="timeline-earlier"');
    expect(html.length).toBeLessThan(400_000);
  }, 120_000);
});
