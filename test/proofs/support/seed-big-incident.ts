import { appendAuditEvent } from "../../../lib/audit/append-audit-event";
import { ENGINE_ACTOR, type Actor } from "../../../lib/audit/actor";
import { db } from "../../../lib/db";
import { recordNote } from "../../../lib/incidents/record-note";
import { lossOfData } from "../../../lib/runbooks/scenarios/loss-of-data";
import { openIncident, stepAction, waitForStep } from "./drill-driver";
import type { ProofStack } from "./proof-stack";

/**
 * A preprod drill whose first step really ran, with `notes` notes and, to make `auditEvents` audit events in all, the
 * rows a long incident accumulates (steps started, sent, retried, failed, succeeded, approvals), written with the audit trail's
 * own append (hash chain) in batches.
 */
export async function seedBigIncident(options: { stack: ProofStack; auditEvents: number; notes: number }): Promise<string> {
  const { stack } = options;
  const lead = stack.api("lead");
  const { id } = await openIncident(lead, { scenario: "loss-of-data", environment: "preprod", mode: "drill" });
  await stepAction(lead, id, "stop-service", { action: "start" });
  await waitForStep({ api: lead, incidentId: id, stepId: "stop-service" });
  const person: Actor = { id: stack.people.responder.id, name: stack.people.responder.name, role: "responder" };
  for (let i = 0; i < options.notes; i += 1) {
    await recordNote({ actor: person, incidentId: id, text: `Note ${i + 1}: checked the restore's progress with the on-call engineer; nothing unexpected.` });
  }
  const stepIds = lossOfData.steps.map((s) => s.id);
  const actions = ["step.started", "operation.sent", "step.failed", "step.retried", "operation.sent", "step.succeeded", "step.approval_requested", "step.approved"];
  let missing = options.auditEvents - (await db().auditEvent.count({ where: { incidentId: id } }));
  let n = 0;
  while (missing > 0) {
    const batch = Math.min(250, missing);
    await db().$transaction(async (tx) => {
      for (let i = 0; i < batch; i += 1, n += 1) {
        const action = actions[n % actions.length]!;
        const stepId = stepIds[Math.floor(n / actions.length) % stepIds.length]!;
        await appendAuditEvent(tx, {
          actor: action.startsWith("operation.") ? ENGINE_ACTOR : person,
          action,
          outcome: action === "step.failed" ? "failed" : "ok",
          incidentId: id,
          stepId,
          inputs: { attempt: 1 + (n % 3) },
          detail: action === "operation.sent"
            ? { system: "github", idempotencyKey: `${id}:${stepId}:${n}`, response: "Workflow run 17957124361 dispatched (queued)." }
            : action === "step.failed" ? { error: "The workflow run ended \"failure\". See its log." } : { attempt: 1 + (n % 3) },
        });
      }
    }, { timeout: 120_000 });
    missing -= batch;
  }
  // What autovacuum does within a minute of a table growing this much (its analyze threshold is 50 rows + 10%):
  // without it the planner still believes the incident has a handful of rows, and measures a plan no running
  // console would be using (a sort of all 10,000 rows for the latest 50: 20 ms instead of 0.1 ms).
  await db().$executeRawUnsafe(`ANALYZE "AuditEvent", "Note"`);
  return id;
}
