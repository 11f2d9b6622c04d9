import type { OperationKind } from "../../runbooks/operation-requests";
import { deleteDiagnosticSettings, deleteServer, findLatestBackup, findServerDeletion } from "./azure";
import { dispatchWorkflow, setRequiredApprovals } from "./github";
import { restartDeployments, scaleDeployments } from "./kubernetes";
import type { OperationHandler } from "./types";

/** Every operation kind a scenario may ask for, and its handler. A kind without one fails the type check. */
const handlers: { [K in OperationKind]: OperationHandler } = {
  "github.set-required-approvals": setRequiredApprovals as OperationHandler,
  "github.dispatch-workflow": dispatchWorkflow as OperationHandler,
  "kubernetes.scale": scaleDeployments as OperationHandler,
  "kubernetes.restart": restartDeployments as OperationHandler,
  "azure-monitor.find-server-deletion": findServerDeletion as OperationHandler,
  "azure-monitor.delete-diagnostic-settings": deleteDiagnosticSettings as OperationHandler,
  "azure-postgres.delete-server": deleteServer as OperationHandler,
  "backup-storage.find-latest-backup": findLatestBackup as OperationHandler,
  "verify-only": { sendIsSafeToRepeat: true, pollIntervalSeconds: 10 },
};

export function handlerFor(kind: OperationKind): OperationHandler {
  return handlers[kind];
}
