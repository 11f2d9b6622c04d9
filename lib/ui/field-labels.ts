/**
 * Labels and hints of step input fields, by field name (and `<step>.<field>` where a step needs its own words).
 * A `title` or `description` in the step's JSON Schema wins, so a definition can carry its own words.
 */
export const FIELD_LABELS: Record<string, { label: string; hint?: string; /** Said when a required field is empty (default "Enter the <label>"). */ missing?: string }> = {
  restorePoint: { label: "Restore point", hint: "Type the time in UK time or UTC and say which: the console shows both as you type." },
  deletedAt: { label: "When the server was deleted", hint: "From the activity log (Delete PostgreSQL Server, submission timestamp)." },
  deletedServer: { label: "Server to revive" },
  newServer: { label: "Name of the new server", hint: "Must be free: to run the restore again, give a new name." },
  backupFile: { label: "Backup file name" },
  "backup-flawed-database.backupFile": { label: "Name for the backup", hint: "Without .sql.gz: the workflow adds it." },
  "upload-restored-database.backupFile": { label: "Name for the backup", hint: "Without .sql.gz: the workflow adds it." },
  "restore-into-live.backupFile": { label: "Backup file to restore", hint: "The name used in the upload step, with .sql.gz on the end." },
  "restore-from-storage.backupFile": { label: "Backup file to restore", hint: "Ends with .sql.gz." },
  server: { label: "Server" },
  "upload-restored-database.server": { label: "Server to back up", hint: "The point-in-time copy made earlier." },
  "tidy-up.server": { label: "Server to delete", hint: "Only the copy this incident made." },
  count: { label: "Required approving reviews" },
  webReplicas: { label: "Web replicas" },
  workerReplicas: { label: "Worker replicas" },
  imageTag: { label: "Image tag", hint: "The git SHA of the app now deployed (shown by the version check of /health/all)." },
  decision: { label: "Decision" },
  findings: { label: "What you compared and found", missing: "Say what you compared and found" },
};

/** Words for enum values people choose between. */
export const OPTION_LABELS: Record<string, string> = {
  "restore-from-this-copy": "Restore the live server from this copy",
};
