import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../../lib/config/env";
import { db } from "../../lib/db";
import type { IncidentView, StepView } from "../../lib/incidents/incident-view";
import type { OperationRequest } from "../../lib/runbooks/operation-requests";
import { apiClient, expectOk, type ApiClient } from "./support/api-client";
import { openIncident } from "./support/drill-driver";
import { externalWrites } from "./support/external-writes";
import { makePeople } from "./support/make-people";
import { proofsEnabled } from "./support/proof-env";
import { startFileProofStack, PROOF_STACK_TIMEOUT_MS, type ProofStack } from "./support/proof-stack";

/**
 * Issue 9, item 5. Fifty responders (40 responders, 10 incident leads, each with their own API token) act on one
 * Scenario 2 drill through the production console for PROOFS_LOAD_SECONDS (a minute by default): they write notes,
 * read the incident and its audit trail, and race each other to start or confirm whatever step is ready. Exactly one
 * of each race wins; the others are told who did (409). Then: no error (no 5xx, no failed request, no unexpected
 * refusal), every note written once, every external change made exactly once per operation (the sandbox's counters
 * against the operations the console recorded), and the audit chain intact.
 */

const RESPONDERS = 40;
const LEADS = 10;

interface Tally {
  ok: number;
  /** Milliseconds each answered request took. */
  times: number[];
  /** Lost races and "not ready any more": the right answer to a responder who was a moment too late. */
  refused: number;
  errors: string[];
  notes: number;
}

let stack: ProofStack;

/** What a responder does to a step that is ready: start it, or confirm it with what it needs. */
function actionFor(step: StepView): Record<string, unknown> | null {
  if (step.state !== "ready") return null;
  if (step.kind === "manual") return { action: "confirm", note: "Done, as the runbook says." };
  if (step.kind === "decision") return { action: "confirm", inputs: { decision: "restore-from-this-copy", findings: "Compared row counts: the copy holds the lost rows." } };
  if (step.id === "restore-point-in-time") return { action: "start", inputs: { restorePoint: { time: DateTime.utc().minus({ minutes: 10 }).toISO(), zone: "utc" } } };
  return { action: "start" };
}

async function responder(api: ApiClient, incidentId: string, until: number, tally: Tally, random: () => number): Promise<void> {
  while (Date.now() < until) {
    const roll = random();
    const started = performance.now();
    try {
      if (roll < 0.5) {
        const response = await api.post(`/api/v1/incidents/${incidentId}/actions`, { action: "note", text: `Checked at ${new Date().toISOString()}: all as expected.` });
        if (response.status === 200) {
          tally.ok += 1;
          tally.notes += 1;
        } else tally.errors.push(`note: ${response.status} ${JSON.stringify(response.body)}`);
      } else if (roll < 0.75) {
        const response = await api.get(roll < 0.65 ? `/api/v1/incidents/${incidentId}` : `/api/v1/incidents/${incidentId}/audit?limit=200`);
        if (response.status === 200) tally.ok += 1;
        else tally.errors.push(`read: ${response.status}`);
      } else {
        const view = expectOk(await api.get<IncidentView>(`/api/v1/incidents/${incidentId}`), "reading the incident");
        tally.ok += 1;
        const ready = view.steps.filter((s) => s.state === "ready" && s.onFollowedBranch && s.blockedBy.length === 0);
        const step = ready[Math.floor(random() * ready.length)];
        const body = step ? actionFor(step) : null;
        if (step && body) {
          const response = await api.post(`/api/v1/incidents/${incidentId}/steps/${step.id}/actions`, body);
          if (response.status === 200 || response.status === 202) tally.ok += 1;
          else if (response.status === 409) tally.refused += 1;
          else tally.errors.push(`${step.id}: ${response.status} ${JSON.stringify(response.body)}`);
        }
      }
    } catch (error) {
      tally.errors.push(`request failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    tally.times.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 300 + random() * 900));
  }
}

/** A small seeded generator, so a failing run can be repeated. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe.runIf(proofsEnabled())("load: 50 responders on one incident", () => {
  beforeAll(async () => {
    stack = await startFileProofStack();
  }, PROOF_STACK_TIMEOUT_MS);
  afterAll(() => stack?.stop());

  it(`for ${env().PROOFS_LOAD_SECONDS} s: no error, no operation sent twice, the audit chain intact`, async () => {
    const seconds = env().PROOFS_LOAD_SECONDS;
    const people = [...(await makePeople({ count: RESPONDERS, role: "responder", prefix: "Load Responder" })), ...(await makePeople({ count: LEADS, role: "lead", prefix: "Load Lead" }))];
    const lead = stack.api("lead");
    const incident = await openIncident(lead, { scenario: "loss-of-data", environment: "test", mode: "drill" });
    await stack.control.resetCounters();
    const tallies = people.map((): Tally => ({ ok: 0, times: [], refused: 0, errors: [], notes: 0 }));
    const until = Date.now() + seconds * 1000;
    await Promise.all(people.map((p, i) => responder(apiClient({ baseUrl: stack.consoles[0]!.url, token: p.token }), incident.id, until, tallies[i]!, seeded(i + 1))));

    // Let whatever was started finish, then check.
    const deadline = Date.now() + 120_000;
    let view: IncidentView;
    for (;;) {
      view = expectOk(await lead.get<IncidentView>(`/api/v1/incidents/${incident.id}`), "reading the incident");
      if (!view.steps.some((s) => s.state === "running")) break;
      if (Date.now() > deadline) throw new Error(`still running: ${view.steps.filter((s) => s.state === "running").map((s) => s.id).join(", ")}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const total = tallies.reduce(
      (t, x) => ({ ok: t.ok + x.ok, times: [...t.times, ...x.times], refused: t.refused + x.refused, errors: [...t.errors, ...x.errors], notes: t.notes + x.notes }),
      { ok: 0, times: [], refused: 0, errors: [], notes: 0 } as Tally,
    );
    const done = view.steps.filter((s) => s.state === "succeeded").map((s) => s.id);
    const sorted = [...total.times].sort((a, b) => a - b);
    const at = (p: number) => Math.round(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);
    console.info(
      `${people.length} responders for ${seconds} s: ${total.ok} requests answered (p50 ${at(50)} ms, p95 ${at(95)} ms per action), ${total.refused} lost races (409), ` +
        `${total.errors.length} errors; ${total.notes} notes; steps done: ${done.join(", ")}`,
    );

    expect(total.errors).toEqual([]);
    expect(view.steps.filter((s) => s.state === "failed").map((s) => `${s.id}: ${s.error}`)).toEqual([]);
    expect(done.length).toBeGreaterThanOrEqual(4);
    expect(await db().note.count({ where: { incidentId: incident.id, kind: "note", text: { startsWith: "Checked at" } } })).toBe(total.notes);

    // Each step started once: one attempt, one operation, sent once, and the stand-ins acted on each once.
    const operations = await db().operation.findMany({ where: { incidentId: incident.id }, include: { stepRun: { select: { stepId: true } } } });
    for (const op of operations) expect(op.sendAttempts, `${op.stepRun.stepId} sent ${op.sendAttempts} times`).toBeLessThanOrEqual(1);
    const attempts = await db().stepAttempt.groupBy({ by: ["stepRunId"], where: { stepRun: { incidentId: incident.id } }, _count: true });
    expect(attempts.filter((a) => a._count > 1)).toEqual([]);
    expect(externalWrites(await stack.control.counters())).toEqual(expectedWrites(operations.map((o) => o.request as unknown as OperationRequest)));
    expect(expectOk(await lead.get<{ ok: boolean }>("/api/v1/audit/verify"), "verifying the audit chain").ok).toBe(true);
  }, 15 * 60_000);
});

/** The changes the stand-ins should have acted on for these operations, once each (the sandbox's counter names). */
function expectedWrites(requests: OperationRequest[]): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (name: string, n = 1) => (out[name] = (out[name] ?? 0) + n);
  for (const r of requests) {
    if (r.kind === "kubernetes.scale") for (const d of r.deployments) add(`kubernetes:scale ${d.namespace}/${d.name}`);
    if (r.kind === "github.set-required-approvals") add(`github:update-pull-request-review-protection ${r.repository.owner}/${r.repository.repo}/${r.branch}`);
    if (r.kind === "github.dispatch-workflow") {
      add(`github:dispatch ${r.workflowFile}`);
      if (r.workflowFile === "database-restore-ptr.yml") {
        add("arm:PUT flexibleServers PointInTimeRestore");
        add(`arm:PUT flexibleServers PointInTimeRestore ${r.inputs["new-db-server"]}`);
      }
    }
    if (r.kind === "azure-postgres.delete-server") {
      add("arm:DELETE flexibleServers");
      add(`arm:DELETE flexibleServers ${r.server.server}`);
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
