import type { OperationRequest } from "../runbooks/operation-requests";
import { describeVerification } from "./describe-verification";

export interface OperationDescription {
  /** What will be done, one sentence per action, in plain words. */
  actions: string[];
  /** It removes, stops or overwrites something (said before anyone presses the button). */
  destructive: boolean;
  /** Reads only. */
  readOnly: boolean;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a step's operation will do, from the exact request the engine would send with these inputs. */
export function describeOperation(options: { request: OperationRequest }): OperationDescription {
  const r = options.request;
  switch (r.kind) {
    case "github.set-required-approvals":
      return {
        actions: [`Set the branch protection of ${r.repository.owner}/${r.repository.repo} (branch ${r.branch}) to require ${plural(r.count, "approving review")} before merging.`],
        destructive: false,
        readOnly: false,
      };
    case "github.dispatch-workflow": {
      const inputs = Object.entries(r.inputs).map(([k, v]) => `${k} = ${v}`).join(", ");
      const actions = [];
      if (r.precheck) actions.push(`First check that ${describeVerification({ spec: r.precheck })}; if not, send nothing.`);
      actions.push(`Run the GitHub Actions workflow "${r.workflowTitle}" (${r.workflowFile}) in ${r.repository.owner}/${r.repository.repo} on ${r.ref}${inputs ? `, with ${inputs}` : ""}.`);
      const overwrites = /restore/i.test(r.workflowFile) && !/ptr|recover/i.test(r.workflowFile);
      if (overwrites) actions.push("This overwrites the data in the live database with the backup's contents.");
      return { actions, destructive: overwrites, readOnly: false };
    }
    case "kubernetes.scale": {
      const actions = r.deployments.map((d) =>
        d.replicas === 0
          ? `Scale deployment ${d.name} in namespace ${d.namespace} to 0 replicas: it stops, and its service is unavailable until restarted.`
          : `Scale deployment ${d.name} in namespace ${d.namespace} to ${plural(d.replicas, "replica")}.`,
      );
      return { actions, destructive: r.deployments.some((d) => d.replicas === 0), readOnly: false };
    }
    case "kubernetes.restart":
      return {
        actions: r.deployments.map((d) => `Restart deployment ${d.name} in namespace ${d.namespace} (its pods are replaced one by one).`),
        destructive: false,
        readOnly: false,
      };
    case "azure-monitor.find-server-deletion":
      return { actions: [`Read the Azure activity log for the deletion of ${r.serverResourceId} (reads only).`], destructive: false, readOnly: true };
    case "azure-monitor.delete-diagnostic-settings":
      return { actions: [`Delete every diagnostic setting left on ${r.resourceId}.`], destructive: true, readOnly: false };
    case "azure-postgres.delete-server":
      return {
        actions: [`Delete the Azure Database for PostgreSQL server ${r.server.server} in resource group ${r.server.resourceGroup}, with all its data. This cannot be undone.`],
        destructive: true,
        readOnly: false,
      };
    case "backup-storage.find-latest-backup":
      return { actions: [`List the backups in storage account ${r.account}, container ${r.container}, and pick the newest (reads only).`], destructive: false, readOnly: true };
    case "verify-only":
      return { actions: ["Send nothing: only check the target's state."], destructive: false, readOnly: true };
  }
}
