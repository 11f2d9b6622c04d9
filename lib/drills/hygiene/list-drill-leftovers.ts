import { db } from "../../db";
import type { IntegrationPorts } from "../../engine/ports";
import { getIncident } from "../../incidents/get-incident";
import type { IncidentView, StepView } from "../../incidents/incident-view";
import { getEnvironment, getService } from "../../catalogue/catalogue";
import { REPORT_STEP_ROLES } from "../../reports/report-step-roles";
import type { Leftover } from "./leftover";

const LIVE_TIMEOUT_MS = 5000;

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const stepOf = (view: IncidentView, ids: readonly string[]) => view.steps.filter((s) => ids.includes(s.id));
const succeeded = (step: StepView | undefined) => step?.state === "succeeded";

/** A live read with a time limit: any failure reads as "unknown", never as "gone". */
async function readLive<T>(read: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      read(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${LIVE_TIMEOUT_MS / 1000} s`)), LIVE_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What a drill (or incident) left behind: PTR copies it made, ad hoc backups it wrote, the branch it froze, and
 * deployments not at the replicas they had (or normally have). Computed from the incident's steps, attempts and
 * operations; with `ports`, each is checked against the live system (so something tidied by hand reads "gone").
 */
export async function listDrillLeftovers(options: { incidentId: string; ports: IntegrationPorts | null }): Promise<Leftover[]> {
  const view = await getIncident({ incidentId: options.incidentId });
  const service = getService(view.service.key);
  const environment = getEnvironment(view.service.key, view.environment.key);
  const [operations, tidyUps] = await Promise.all([
    db().operation.findMany({ where: { incidentId: view.id }, include: { stepRun: { select: { stepId: true } }, attempt: { select: { number: true } } } }),
    db().tidyUpAction.findMany({ where: { incidentId: view.id }, orderBy: { createdAt: "asc" } }),
  ]);
  const { ports } = options;
  const lastTidyUp = (key: string) => {
    const t = tidyUps.filter((a) => a.target === key).at(-1);
    return t ? { id: t.id, status: t.status, result: t.result, error: t.error, requestedBy: t.requestedByName } : null;
  };
  const ref = (server: string) => ({ subscriptionId: environment.subscriptionId, resourceGroup: environment.resourceGroup, server });
  const out: Leftover[] = [];
  const unchecked = ports ? "" : "Not checked: the console has no connection to the live systems here.";

  // PTR copies: every server a point-in-time-restore attempt was sent for (or made by hand), minus those deleted.
  const deleted = new Set(stepOf(view, REPORT_STEP_ROLES.tidyUp).filter(succeeded).map((s) => String(asRecord(s.inputs).server ?? "")));
  const copies = new Map<string, string>();
  for (const step of stepOf(view, REPORT_STEP_ROLES.pointInTimeRestore)) {
    for (const attempt of step.attempts) {
      const name = asRecord(attempt.inputs).newServer;
      if (typeof name !== "string" || name === environment.postgres.server) continue;
      const op = operations.find((o) => o.stepRun.stepId === step.id && o.attempt.number === attempt.number);
      const sent = attempt.manual || (op !== undefined && op.sendAttempts > 0);
      if (sent) copies.set(name, `Made by ${step.title} (attempt ${attempt.number}, ${attempt.state}).`);
    }
  }
  const earliest = new Date(Math.min(Date.parse(view.detectedAt.utc), Date.parse(view.createdAt.utc))).toISOString();
  for (const [server, detail] of copies) {
    const key = `ptr-copy:${server}`;
    const live = ports ? await readLive(() => ports.azurePostgres.getServer(ref(server))) : null;
    const state = live?.ok ? (live.value ? "present" : "gone") : "unknown";
    const recordsSayGone = deleted.has(server) || lastTidyUp(key)?.status === "succeeded";
    out.push({
      key, kind: "ptr-copy", title: `PTR copy ${server}`,
      detail: `${detail}${deleted.has(server) ? " Deleted by the Tidy up step." : ""}`,
      live: state,
      liveDetail: live?.ok ? (live.value ? `Exists in Azure (state ${live.value.state}).` : "Not found in Azure.") : live ? `Could not check: ${live.reason}` : unchecked,
      leftBehind: state === "present" || (state === "unknown" && !recordsSayGone),
      tidyUp: { description: `Delete the server ${server} (only a copy made during this incident; never ${environment.postgres.server}).`, request: { kind: "delete-ptr-copy", server: ref(server), guard: { createdAtOrAfter: earliest, protectedServers: [environment.postgres.server] } } },
      manual: null,
      lastTidyUp: lastTidyUp(key),
    });
  }

  // Ad hoc backups the console asked the backup workflow for: kept by the storage lifecycle rule, not deleted here.
  const storage = environment.backupStorage;
  for (const step of stepOf(view, REPORT_STEP_ROLES.adHocBackups)) {
    for (const attempt of step.attempts.filter((a) => a.state === "succeeded")) {
      const file = asRecord(attempt.inputs).backupFile;
      if (typeof file !== "string" || !storage) continue;
      const name = `${file}.sql.gz`;
      const live = ports ? await readLive(() => ports.backupStorage.getBackup({ account: storage.account, container: storage.container, name })) : null;
      const state = live?.ok ? (live.value ? "present" : "gone") : "unknown";
      out.push({
        key: `backup:${name}`, kind: "ad-hoc-backup", title: `Backup ${name}`,
        detail: `Written by ${step.title} to ${storage.account}/${storage.container}.`,
        live: state,
        liveDetail: live?.ok ? (live.value ? `In the container, ${live.value.sizeBytes} bytes.` : "Not in the container any more.") : live ? `Could not check: ${live.reason}` : unchecked,
        leftBehind: state !== "gone",
        tidyUp: null,
        manual: `Kept on purpose: the storage account's lifecycle rule deletes backups after ${service.backupNaming.retentionDays} days${environment.production ? " (production blobs are immutable for 14 days)" : ""}. Delete it sooner in the Azure portal if it is not needed for reconciliation.`,
        lastTidyUp: null,
      });
    }
  }

  // The frozen branch: frozen by this incident and not put back (or, live, not at the count it had before).
  const freeze = stepOf(view, REPORT_STEP_ROLES.freeze).find(succeeded);
  if (freeze) {
    const previous = Number(asRecord(freeze.outputs).previous ?? service.freeze.usualApprovals);
    const where = { owner: service.repository.owner, repo: service.repository.repo, branch: service.repository.branch };
    const key = `frozen-branch:${where.owner}/${where.repo}@${where.branch}`;
    const unfrozen = stepOf(view, REPORT_STEP_ROLES.unfreeze).some(succeeded);
    const live = ports ? await readLive(() => ports.github.getRequiredApprovals(where)) : null;
    const state = live?.ok ? (live.value === previous ? "gone" : "present") : "unknown";
    out.push({
      key, kind: "frozen-branch", title: `Branch ${where.branch} of ${where.owner}/${where.repo} frozen`,
      detail: `${freeze.title} set the required approving reviews to ${asRecord(freeze.outputs).count ?? service.freeze.frozenApprovals} (it was ${previous}).${unfrozen ? " Unfrozen by the Unfreeze step." : ""}`,
      live: state,
      liveDetail: live?.ok ? `Requires ${live.value} approving review${live.value === 1 ? "" : "s"} now.` : live ? `Could not check: ${live.reason}` : unchecked,
      leftBehind: state === "present" || (state === "unknown" && !unfrozen && lastTidyUp(key)?.status !== "succeeded"),
      tidyUp: { description: `Set the required approving reviews back to ${previous}.`, request: { kind: "unfreeze-branch", repository: { owner: where.owner, repo: where.repo }, branch: where.branch, count: previous } },
      manual: null,
      lastTidyUp: lastTidyUp(key),
    });
  }

  // Deployments: back to what they had before the stop (recorded), else their catalogue's normal replicas.
  const stop = stepOf(view, REPORT_STEP_ROLES.stopService).find(succeeded);
  const restarted = stepOf(view, REPORT_STEP_ROLES.restart).some(succeeded);
  const previous = asRecord(asRecord(stop?.outputs).previous);
  for (const d of [environment.kubernetes.web, environment.kubernetes.worker]) {
    const target = typeof previous[d.name] === "number" ? (previous[d.name] as number) : d.normalReplicas;
    const key = `replicas:${environment.kubernetes.namespace}/${d.name}`;
    const live = ports ? await readLive(() => ports.kubernetes.getDeployment({ namespace: environment.kubernetes.namespace, name: d.name })) : null;
    const state = live?.ok ? (live.value && live.value.replicas !== target ? "present" : "gone") : "unknown";
    if (state === "gone" || (state === "unknown" && (!stop || restarted))) continue;
    out.push({
      key, kind: "scaled-deployment", title: `Deployment ${d.name} not at its replicas`,
      detail: `${stop ? `Stopped by ${stop.title}; it had ${target} replica${target === 1 ? "" : "s"} before.` : "Not stopped by this incident."} Normally ${d.normalReplicas}.`,
      live: state,
      liveDetail: live?.ok ? (live.value ? `Runs ${live.value.replicas} replica${live.value.replicas === 1 ? "" : "s"} (${live.value.readyReplicas} ready).` : "The deployment does not exist.") : live ? `Could not check: ${live.reason}` : unchecked,
      leftBehind: true,
      tidyUp: { description: `Scale ${d.name} to ${target} replica${target === 1 ? "" : "s"}.`, request: { kind: "restore-replicas", deployments: [{ namespace: environment.kubernetes.namespace, name: d.name, replicas: target }] } },
      manual: null,
      lastTidyUp: lastTidyUp(key),
    });
  }
  return out;
}
