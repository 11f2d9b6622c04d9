import { IntegrationError } from "../errors";
import type { AzureMonitorPort } from "../integrations/azure-monitor/port";
import type { AzurePostgresPort } from "../integrations/azure-postgres/port";
import type { BackupStoragePort } from "../integrations/backup-storage/port";
import type { DatabasePort } from "../integrations/database/port";
import type { GitHubPort } from "../integrations/github/port";
import type { HealthPort } from "../integrations/health/port";
import type { KubernetesPort } from "../integrations/kubernetes/port";

/**
 * The ports the engine drives, injected when the engine starts (lib/engine/start-engine.ts): the real adapters
 * from configuration in the console (issue 5), doubles in tests (lib/integrations/testing/recording-ports.ts).
 */
export interface IntegrationPorts {
  azurePostgres: AzurePostgresPort;
  azureMonitor: AzureMonitorPort;
  backupStorage: BackupStoragePort;
  github: GitHubPort;
  kubernetes: KubernetesPort;
  health: HealthPort;
  /** Read-only counts in an application database (the rows a restore will lose). */
  database: DatabasePort;
}

/**
 * Ports that answer every call with a clear IntegrationError: what the engine has until real adapters are wired,
 * so that an automated step fails with a message saying why (and can be done by hand) instead of hanging.
 */
export function unavailablePorts(reason: string): IntegrationPorts {
  const port = (system: string) =>
    new Proxy(
      {},
      {
        get: (_target, method) => async () => {
          throw new IntegrationError(system, `${system} cannot be reached from the console (${String(method)}): ${reason}`);
        },
      },
    );
  return {
    azurePostgres: port("azure-postgres") as AzurePostgresPort,
    azureMonitor: port("azure-monitor") as AzureMonitorPort,
    backupStorage: port("backup-storage") as BackupStoragePort,
    github: port("github") as GitHubPort,
    kubernetes: port("kubernetes") as KubernetesPort,
    health: port("health") as HealthPort,
    database: port("database") as DatabasePort,
  };
}
