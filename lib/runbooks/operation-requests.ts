import type { DeleteCopyGuard, ServerRef } from "../integrations/azure-postgres/port";
import type { RepositoryRef } from "../integrations/github/port";
import type { DeploymentRef } from "../integrations/kubernetes/port";

/**
 * The vocabulary of what a step can ask the engine to do and to check, as plain JSON-safe data: it is stored in
 * the operation record before anything is sent, and the engine's handlers (lib/engine/operations) carry it out
 * through the ports. A scenario chooses among these; it never calls a port itself.
 */

export type OperationRequest =
  /** Freeze/unfreeze: set the branch protection's required approving reviews, remembering the previous count. */
  | { kind: "github.set-required-approvals"; repository: RepositoryRef; branch: string; count: number }
  /** Run a GitHub Actions workflow with its real input names, follow the run to its conclusion. */
  | {
      kind: "github.dispatch-workflow";
      repository: RepositoryRef;
      ref: string;
      workflowFile: string;
      workflowTitle: string;
      inputs: Record<string, string>;
      /** Checked before sending (e.g. the PTR server name is free): a failed check sends nothing. */
      precheck?: VerificationSpec;
      /**
       * A workflow that only asks Azure to start (recover-deleted is green once the request is accepted): after the
       * run succeeds, follow this server until it is Ready, failing when Azure records that the change failed.
       */
      followServer?: ServerRef;
      /**
       * Before sending, count the rows of this database written after `since` (the restore point): the data the
       * restore is about to overwrite, recorded in the outputs as `dataLoss` for the report.
       */
      measureDataLoss?: { server: ServerRef; database: string; since: string };
    }
  /** Scale deployments, recording the replicas each had before. */
  | { kind: "kubernetes.scale"; deployments: (DeploymentRef & { replicas: number })[] }
  /** `kubectl rollout restart` of deployments, followed until rolled out. */
  | { kind: "kubernetes.restart"; deployments: DeploymentRef[] }
  /** Read the activity log for the server's deletion time (read-only). */
  | { kind: "azure-monitor.find-server-deletion"; subscriptionId: string; serverResourceId: string; since: string }
  /** Delete every diagnostic setting left on a (deleted) server's resource id. */
  | { kind: "azure-monitor.delete-diagnostic-settings"; resourceId: string }
  /** Delete a flexible server (tidy-up of this incident's PTR copy only: the guard is checked against Azure's record). */
  | { kind: "azure-postgres.delete-server"; server: ServerRef; guard?: DeleteCopyGuard }
  /** List backups and pick the newest (read-only). */
  | { kind: "backup-storage.find-latest-backup"; account: string; container: string }
  /** Nothing to send: the step is proved by its verification alone (health checks; work done by hand). */
  | { kind: "verify-only" };

export type OperationKind = OperationRequest["kind"];

/** How "done" is proved from the target system's state (never from "the workflow went green" alone). */
export type VerificationSpec =
  | { kind: "server-ready"; server: ServerRef }
  | { kind: "server-absent"; server: ServerRef }
  | { kind: "required-approvals"; repository: RepositoryRef; branch: string; count: number }
  | { kind: "deployments-scaled"; deployments: (DeploymentRef & { replicas: number })[] }
  | { kind: "deployments-rolled-out"; deployments: DeploymentRef[] }
  | { kind: "diagnostic-settings-absent"; resourceId: string }
  | { kind: "backup-exists"; account: string; container: string; name: string }
  | { kind: "backup-absent"; account: string; container: string; name: string }
  | { kind: "health-passing"; urls: Record<string, string> };

export function systemOf(kind: OperationKind): string {
  return kind === "verify-only" ? "console" : kind.slice(0, kind.indexOf("."));
}
