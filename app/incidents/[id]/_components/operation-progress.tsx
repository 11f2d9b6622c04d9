import type { OperationView } from "@/lib/incidents/incident-view";
import { TimeText } from "@/app/_components/time-text";

const STATUS: Record<string, string> = {
  pending: "Recorded; about to be sent",
  sending: "Being sent",
  running: "Accepted; the console is following it",
  verifying: "Reported done; the console is checking the result",
  succeeded: "Succeeded and checked",
  failed: "Failed",
};

const LINK: Record<string, string> = {
  github: "Open the workflow run on GitHub",
  "azure-postgres": "Open the server in the Azure portal",
  "azure-monitor": "Open in the Azure portal",
  "backup-storage": "Open the storage account",
  kubernetes: "Open the deployment",
};

/** Where an automated step's operation is: sent or not, what the system last said, a link to follow it there. */
export function OperationProgress({ operation }: { operation: OperationView }) {
  return (
    <dl className="govuk-summary-list app-summary-list--compact" data-testid="operation-progress">
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Operation</dt>
        <dd className="govuk-summary-list__value">
          {STATUS[operation.status] ?? operation.status}
          {operation.sendAttempts > 1 ? ` (sent ${operation.sendAttempts} times with the same idempotency key)` : ""}
        </dd>
      </div>
      {operation.lastDetail && (
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Latest</dt>
          <dd className="govuk-summary-list__value">{operation.lastDetail}</dd>
        </div>
      )}
      {operation.externalUrl && (
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Follow it there</dt>
          <dd className="govuk-summary-list__value">
            <a className="govuk-link" href={operation.externalUrl} target="_blank" rel="noreferrer noopener">
              {LINK[operation.system] ?? "Open the operation"} (opens in new tab)
            </a>
            {operation.externalId ? ` (id ${operation.externalId})` : ""}
          </dd>
        </div>
      )}
      {operation.lastCheckedAt && (
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Last checked</dt>
          <dd className="govuk-summary-list__value">
            <TimeText time={operation.lastCheckedAt} />
          </dd>
        </div>
      )}
      {operation.status !== "succeeded" && operation.status !== "failed" && (
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Gives up at</dt>
          <dd className="govuk-summary-list__value">
            <TimeText time={operation.deadlineAt} />
          </dd>
        </div>
      )}
      {operation.error && (
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Error</dt>
          <dd className="govuk-summary-list__value">{operation.error}</dd>
        </div>
      )}
    </dl>
  );
}
