import { checkout, completeJob, setUpJob } from "./common-steps";
import { environmentOf, londonNow } from "./environment-of";
import type { StepContext, WorkflowDefinition } from "./workflow-definition";

/**
 * maintenance.yml ("Set maintenance mode"): `enable` points the environment's hostnames at the maintenance page
 * (and lists the temporary URLs of the real app); `disable` points them back. In the sandbox the switch is the
 * Kubernetes stand-in's ingress state, which the sandbox's apps honour. No concurrency group, no confirm guard.
 */

function tempUrls(ctx: StepContext, environmentKey: string): string[] {
  const domain = environmentKey === "production" ? "teacherservices.cloud" : "test.teacherservices.cloud";
  return ctx.service.services.map((s) => `${s.key === "ctr" ? "check-a-teachers-record" : ctx.service.repository.repo}-${environmentKey}-temp.${domain}`);
}

async function setMode(ctx: StepContext): Promise<void> {
  const environment = environmentOf(ctx, ctx.inputs.environment ?? "");
  const mode = ctx.inputs.mode ?? "";
  if (mode === "enable") {
    ctx.log(`Build and push docker image: ghcr.io/dfe-digital/${ctx.service.repository.repo}-maintenance`);
    ctx.log(`make ${environment.key} maintenance-fail-over`);
  } else {
    ctx.log(`make ${environment.key} disable-maintenance`);
  }
  ctx.kubernetes?.setMaintenance({ environment: environment.key, enabled: mode === "enable" });
  ctx.summary(`MAINTENANCE PAGE ${mode}d!`);
  ctx.summary(`ENV: ${environment.key}`);
  ctx.summary(`AT : ${londonNow()}`);
  if (mode === "enable") {
    ctx.summary("TEMP URLS:");
    for (const url of tempUrls(ctx, environment.key)) ctx.summary(url);
  }
}

export const maintenance: WorkflowDefinition = {
  id: 77310456,
  file: "maintenance.yml",
  name: "Set maintenance mode",
  inputs: {
    environment: { description: "", type: "choice", required: true, options: ["test", "preprod", "production"] },
    mode: { description: "", type: "choice", required: true, options: ["enable", "disable"] },
  },
  jobName: () => "Set maintenance mode",
  runsJob: () => true,
  concurrencyGroup: () => null,
  steps: () => [setUpJob, checkout("v4", "Checkout"), { name: "Enable or disable maintenance mode", main: true, run: setMode }, completeJob],
};
