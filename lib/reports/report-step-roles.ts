/**
 * Which steps of the scenarios (lib/runbooks/scenarios) the report measures from. Step ids are the scenarios'
 * own; a unit test (report-step-roles.test.ts) fails when one of these ids no longer exists in any scenario.
 */
export const REPORT_STEP_ROLES = {
  /** Stops the service: the moment both deployments are verified at 0 replicas is "service stopped". */
  stopService: ["stop-service"],
  /** Health verified for both services: "healthy again". */
  validateApp: ["validate-app"],
  /** Put the data back into the live server: "data restored". */
  restoreIntoLive: ["restore-into-live", "revive-server", "restore-from-storage"],
  /** Point-in-time restore to a new server (its restore point, its copy). */
  pointInTimeRestore: ["restore-point-in-time"],
  /** Revive of a dropped server (its restore point and the deletion time typed or found). */
  revive: ["revive-server"],
  /** Restore of a backup from storage (its file name). */
  backupRestore: ["restore-from-storage"],
  /** The activity log's deletion time. */
  findDeletion: ["find-server-deletion"],
  /** The backups listed with their times. */
  findBackup: ["find-latest-backup"],
  /** Backups the console asked for (ad hoc, left in storage). */
  adHocBackups: ["backup-flawed-database", "upload-restored-database"],
  freeze: ["freeze-pipeline"],
  unfreeze: ["unfreeze-pipeline"],
  restart: ["restart-applications"],
  tidyUp: ["tidy-up"],
} as const satisfies Record<string, readonly string[]>;
