import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { getEnvironment, getService } from "../catalogue/catalogue";
import { childEnvironment } from "../config/env";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { db } from "../db";
import { stopBoss } from "../jobs/boss";
import { createIncident } from "../incidents/create-incident";
import { createRecordingPorts, worldFor, type FakeWorld } from "../integrations/testing/recording-ports";
import type { OperationStatus } from "../generated/prisma/enums";
import { startStep } from "./start-step";
import { alice, waitForStep } from "./testing/engine-harness";

/**
 * The process is killed while an operation is in flight; another process starts, resumes it, and completes it,
 * and the external system saw it sent once. The engine runs only in child processes here (this process only acts
 * as the responders' side), so SIGKILL is a real crash: no clean-up code runs.
 */

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const CHILD = path.join(ROOT, "lib", "engine", "testing", "engine-child.ts");
const dir = mkdtempSync(path.join(tmpdir(), "dr-crash-"));
const children: ChildProcess[] = [];

function startChild(file: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, file, "test"], {
    cwd: ROOT,
    env: childEnvironment({ LOG_LEVEL: "warn" }),
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the engine child did not start in 30 s")), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("engine ready")) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once("exit", (code, signal) => reject(new Error(`the engine child exited early (${code ?? signal})`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once("exit", () => r()));
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function operationOf(incidentId: string, stepId: string) {
  return db().operation.findFirst({ where: { stepRun: { incidentId, stepId } }, orderBy: { createdAt: "desc" } });
}

/** An incident whose service is stopped and pipeline frozen, ready for the point-in-time restore. */
async function preparedIncident(file: string) {
  const { id } = await createIncident({ actor: alice, input: { scenario: "loss-of-data", environment: "test", mode: "drill" } });
  for (const stepId of ["stop-service", "freeze-pipeline"]) {
    await startStep({ actor: alice, incidentId: id, stepId });
    expect((await waitForStep({ incidentId: id, stepId, timeoutMs: 20_000 })).state).toBe("succeeded");
  }
  return { id, world: () => createRecordingPorts({ file }).world() };
}

const ptrInputs = () => ({ restorePoint: { time: DateTime.utc().minus({ hours: 3 }).toISO(), zone: "utc" } });

function seed(file: string, change: (w: FakeWorld) => void): void {
  const world = worldFor(getService("aytq"), getEnvironment("aytq", "test"));
  change(world);
  writeFileSync(file, JSON.stringify(world));
}

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited(child);
  }
});
afterAll(async () => {
  await stopBoss();
  rmSync(dir, { recursive: true, force: true });
});

describe("a console killed while an operation is in flight", () => {
  it("killed while following a running workflow: the next process resumes it, follows it to the end, never sends it again", async () => {
    const file = path.join(dir, "following.json");
    seed(file, (w) => {
      w.workflowPolls = 1_000_000; // the workflow runs until the test lets it finish
    });
    const first = await startChild(file);
    const { id, world } = await preparedIncident(file);

    await startStep({ actor: alice, incidentId: id, stepId: "restore-point-in-time", inputs: ptrInputs() });
    const followed = await waitFor("the PTR operation to be sent and polled", async () => {
      const op = await operationOf(id, "restore-point-in-time");
      return op && op.status === "running" && op.checks >= 2 ? op : undefined;
    });
    first.kill("SIGKILL");
    await exited(first);

    const afterCrash = await db().operation.findUniqueOrThrow({ where: { id: followed.id } });
    expect(afterCrash.status).toBe<OperationStatus>("running");
    // While nobody watched, the workflow finished.
    createRecordingPorts({ file }).update((w) => {
      for (const run of Object.values(w.runs)) run.pollsLeft = 1;
    });

    await startChild(file);
    const step = await waitForStep({ incidentId: id, stepId: "restore-point-in-time", timeoutMs: 30_000 });
    expect(step.state).toBe("succeeded");
    const done = await db().operation.findUniqueOrThrow({ where: { id: followed.id } });
    expect(done.status).toBe<OperationStatus>("succeeded");
    expect(done.sendAttempts).toBe(1);
    expect(world().sendCalls[done.idempotencyKey]).toBe(1);
    expect(world().created[done.idempotencyKey]).toBe(1);
    expect(world().calls.filter((c) => c === "github.dispatchWorkflow")).toHaveLength(1);
    expect(world().servers["s189t01-aytq-ts-pg-ptr"]?.state).toBe("Ready");
    expect(await db().auditEvent.count({ where: { operationId: done.id, action: "operation.sent" } })).toBe(1);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("killed between the dispatch and recording it: the next process re-sends with the same key and the port finds the first run", async () => {
    const file = path.join(dir, "sending.json");
    seed(file, (w) => {
      w.dieAfter["github.dispatchWorkflow"] = 1;
    });
    const first = await startChild(file);
    const { id, world } = await preparedIncident(file);

    await startStep({ actor: alice, incidentId: id, stepId: "restore-point-in-time", inputs: ptrInputs() });
    await exited(first); // it killed itself right after GitHub accepted the dispatch
    const orphan = (await operationOf(id, "restore-point-in-time"))!;
    expect(orphan.status).toBe<OperationStatus>("sending");
    expect(world().created[orphan.idempotencyKey]).toBe(1);

    await startChild(file);
    expect((await waitForStep({ incidentId: id, stepId: "restore-point-in-time", timeoutMs: 30_000 })).state).toBe("succeeded");
    const done = await db().operation.findUniqueOrThrow({ where: { id: orphan.id } });
    expect(done.sendAttempts).toBe(2);
    expect(world().sendCalls[done.idempotencyKey]).toBe(2);
    expect(world().created[done.idempotencyKey]).toBe(1);
    expect(Object.values(world().runs)).toHaveLength(1);
    const sent = await db().auditEvent.findFirstOrThrow({ where: { operationId: done.id, action: "operation.sent" } });
    expect((sent.detail as { response: string }).response).toMatch(/^Found the run already dispatched/);
  });
});
