import type { StepDefinition } from "./workflow-definition";

/** The runner's own steps around every job, and the checkout every workflow starts with. */

export const setUpJob: StepDefinition = {
  name: "Set up job",
  run: async (ctx) => {
    ctx.log("Current runner version: '2.329.0'");
    ctx.log("Operating System: Ubuntu 24.04.3 LTS");
    ctx.log("Runner Image: ubuntu-24.04");
  },
};

export function checkout(version: "v4" | "v6", name = `Run actions/checkout@${version}`): StepDefinition {
  return {
    name,
    run: async (ctx) => {
      ctx.log(`Syncing repository: ${ctx.service.repository.owner}/${ctx.service.repository.repo}`);
    },
  };
}

export const completeJob: StepDefinition = { name: "Complete job", if: "always", run: async (ctx) => ctx.log("Cleaning up orphan processes") };
