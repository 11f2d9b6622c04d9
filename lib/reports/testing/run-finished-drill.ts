import { DateTime } from "luxon";
import type { Actor } from "../../audit/actor";
import { closeIncident } from "../../incidents/close-incident";
import { createIncident } from "../../incidents/create-incident";
import { confirmStep } from "../../engine/confirm-step";
import { retryStep } from "../../engine/retry-step";
import { startStep } from "../../engine/start-step";
import { alice, carol, waitForStep, type TestEngine } from "../../engine/testing/engine-harness";

/**
 * TEST SUPPORT: a Scenario 2 drill in test driven through the engine from start to close, with the recording
 * ports of a running test engine: one failed attempt retried (freeze), one request re-sent after a transient error
 * (stop), a note and the decision of Validate data. Returns the incident id.
 */
export async function runFinishedDrill(options: { harness: TestEngine; detectedMinutesAgo?: number; close?: boolean; open?: (input: Record<string, unknown>) => Promise<string> }): Promise<string> {
  const { harness } = options;
  const detectedAt = DateTime.utc().minus({ minutes: options.detectedMinutesAgo ?? 40 }).setZone("Europe/London").toFormat("yyyy-MM-dd'T'HH:mm:ss");
  const input = { scenario: "loss-of-data", environment: "test", mode: "drill", detectedAt: { time: detectedAt, zone: "uk" } };
  const id = options.open ? await options.open(input) : (await createIncident({ actor: alice, input })).id;
  const run = async (stepId: string, inputs: unknown = {}, actor: Actor = alice) => {
    await startStep({ actor, incidentId: id, stepId, inputs });
    return waitForStep({ incidentId: id, stepId });
  };

  harness.update((w) => {
    w.failNext["kubernetes.scaleDeployment"] = { count: 1, retryable: true, message: "the API server answered 503" };
  });
  await run("stop-service");
  await confirmStep({ actor: carol, incidentId: id, stepId: "start-incident-process", note: "Slack channel #dr-drill-aytq opened." });
  harness.update((w) => {
    w.failNext["github.setRequiredApprovals"] = { count: 1, retryable: false, message: "Resource not accessible by integration" };
  });
  const frozen = await run("freeze-pipeline");
  if (frozen.state !== "failed") throw new Error("the injected fault did not fail the freeze");
  await retryStep({ actor: carol, incidentId: id, stepId: "freeze-pipeline" });
  await waitForStep({ incidentId: id, stepId: "freeze-pipeline" });
  await run("backup-flawed-database", { backupFile: "aytq_ts_flawed_drill" });
  await run("restore-point-in-time", { restorePoint: { time: DateTime.utc().minus({ minutes: 55 }).toISO(), zone: "utc" } });
  await confirmStep({ actor: alice, incidentId: id, stepId: "validate-data", inputs: { findings: "The teachers table is back with the morning's rows." } });
  await run("upload-restored-database", { backupFile: "aytq_ts_ptr_drill" });
  await run("restore-into-live");
  await run("restart-applications");
  await run("validate-app");
  await run("unfreeze-pipeline");
  await run("tidy-up");
  await confirmStep({ actor: alice, incidentId: id, stepId: "dr-test-post-scenario" });
  await confirmStep({ actor: alice, incidentId: id, stepId: "post-dr-review" });
  if (options.close ?? true) await closeIncident({ actor: alice, incidentId: id, status: "resolved" });
  return id;
}
