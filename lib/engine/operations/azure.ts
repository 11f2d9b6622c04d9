import { DateTime } from "luxon";
import { describeInstant } from "../../time/describe-instant";
import { REVIVE_MIN_MINUTES_AFTER_DELETION } from "../../time/windows";
import { OperationFailure, type HandlerFor } from "./types";

/** A scheduled backup's name: `aytq_ts_2026-11-24.sql.gz` (not `aytq_ts_adhoc_...`, `..._flawed_...`, `..._ptr_...`). */
const NIGHTLY_BACKUP = /^[a-z0-9]+_[a-z]{2}_\d{4}-\d{2}-\d{2}\.sql\.gz$/;

export const findServerDeletion: HandlerFor<"azure-monitor.find-server-deletion"> = {
  sendIsSafeToRepeat: true,
  pollIntervalSeconds: 5,
  async send({ request, ports }) {
    const found = await ports.azureMonitor.findServerDeletion(request);
    const server = request.serverResourceId.split("/").pop();
    if (!found) {
      throw new OperationFailure(
        `The activity log has no deletion of ${server} since ${describeInstant({ instant: request.since }).text}. Check the server is really gone, or skip this step and type the deletion time.`,
      );
    }
    const suggested = DateTime.fromISO(found.deletedAt, { zone: "utc" }).plus({ minutes: REVIVE_MIN_MINUTES_AFTER_DELETION }).toISO({ suppressMilliseconds: true });
    return {
      done: true,
      outputs: {
        deletedAt: found.deletedAt,
        deletedAtText: describeInstant({ instant: found.deletedAt }).text,
        suggestedRestorePoint: suggested,
        suggestedRestorePointText: describeInstant({ instant: suggested! }).text,
        caller: found.caller ?? null,
      },
      summary: `${server} was deleted at ${describeInstant({ instant: found.deletedAt }).text}`,
    };
  },
};

export const deleteDiagnosticSettings: HandlerFor<"azure-monitor.delete-diagnostic-settings"> = {
  sendIsSafeToRepeat: true,
  pollIntervalSeconds: 5,
  async send({ request, ports, progress, saveProgress }) {
    const names = (progress.names as string[] | undefined) ?? (await ports.azureMonitor.listDiagnosticSettings({ resourceId: request.resourceId })).map((s) => s.name);
    await saveProgress({ names });
    for (const name of names) await ports.azureMonitor.deleteDiagnosticSetting({ resourceId: request.resourceId, name });
    return { done: true, outputs: { deleted: names }, summary: names.length ? `Deleted diagnostic settings: ${names.join(", ")}` : "No diagnostic setting was left." };
  },
};

export const deleteServer: HandlerFor<"azure-postgres.delete-server"> = {
  sendIsSafeToRepeat: true,
  pollIntervalSeconds: 15,
  async send({ request, ports, idempotencyKey }) {
    // The guard travels with the request (recorded before sending); without one nothing is deleted.
    if (!request.guard) throw new OperationFailure(`Refused: no guard says ${request.server.server} is a copy made by this incident, so the console will not delete it.`);
    const started = await ports.azurePostgres.beginDeleteServer({ ...request.server, idempotencyKey, guard: request.guard });
    return {
      done: false,
      externalId: started.externalId,
      externalUrl: started.externalUrl,
      pollerState: { poller: started.pollerState },
      summary: `Deletion of ${request.server.server} ${started.adopted ? "already under way" : "accepted"} (${started.externalId})`,
    };
  },
  async poll({ ports, pollerState }) {
    const status = await ports.azurePostgres.pollOperation({ pollerState: pollerState.poller });
    if (status.status === "running") return { status: "running", pollerState: { poller: status.pollerState }, detail: status.detail };
    if (status.status === "failed") return { status: "failed", error: `Azure reports the deletion failed: ${status.error}` };
    return { status: "succeeded", summary: "Azure reports the deletion finished." };
  },
};

export const findLatestBackup: HandlerFor<"backup-storage.find-latest-backup"> = {
  sendIsSafeToRepeat: true,
  pollIntervalSeconds: 5,
  async send({ request, ports }) {
    const blobs = (await ports.backupStorage.listBackups(request)).filter((b) => b.name.endsWith(".sql.gz"));
    if (blobs.length === 0) throw new OperationFailure(`There is no backup (.sql.gz) in ${request.account}/${request.container}.`);
    const sorted = [...blobs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    // The runbook restores the newest backup of the scheduled workflow (`<prefix>_<short>_YYYY-MM-DD.sql.gz`), not a
    // manual one (adhoc, flawed, ptr): fall back to the newest of any only when there is no nightly one.
    const nightly = sorted.find((b) => NIGHTLY_BACKUP.test(b.name));
    const now = DateTime.utc();
    const describe = (b: (typeof sorted)[number]) => {
      const age = now.diff(DateTime.fromISO(b.createdAt, { zone: "utc" }), ["days", "hours", "minutes"]).toObject();
      const ageText = `${age.days ? `${age.days} d ` : ""}${age.hours ?? 0} h ${Math.floor(age.minutes ?? 0)} min`;
      return { ...b, createdAtText: describeInstant({ instant: b.createdAt }).text, ageText };
    };
    const newest = describe(nightly ?? sorted[0]!);
    return {
      done: true,
      outputs: { newest, nightly: Boolean(nightly), backups: sorted.slice(0, 20).map(describe) },
      summary: `Newest ${nightly ? "nightly " : ""}backup ${newest.name}, taken ${newest.createdAtText}: data written in the last ${newest.ageText} would be lost.`,
    };
  },
};
