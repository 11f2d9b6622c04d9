import type { VerificationSpec } from "../runbooks/operation-requests";
import type { IntegrationPorts } from "./ports";
import { isRolledOut, isScaledTo } from "./operations/kubernetes";

export interface VerificationResult {
  passed: boolean;
  /** What was observed, in words. */
  detail: string;
  observed?: unknown;
}

/** Reads the target system's state and says whether it proves the step done. Reads only: safe to repeat. */
export async function runVerification(options: { spec: VerificationSpec; ports: IntegrationPorts }): Promise<VerificationResult> {
  const { spec, ports } = options;
  switch (spec.kind) {
    case "server-ready": {
      const server = await ports.azurePostgres.getServer(spec.server);
      if (!server) return { passed: false, detail: `The server ${spec.server.server} does not exist (yet).` };
      return { passed: server.state === "Ready", detail: `The server ${server.name} is ${server.state}.`, observed: { state: server.state, restoredFrom: server.restoredFrom ?? null } };
    }
    case "server-absent": {
      const server = await ports.azurePostgres.getServer(spec.server);
      return server
        ? { passed: false, detail: `A server named ${server.name} exists (state ${server.state}).`, observed: { state: server.state } }
        : { passed: true, detail: `There is no server named ${spec.server.server}.` };
    }
    case "required-approvals": {
      const count = await ports.github.getRequiredApprovals({ ...spec.repository, branch: spec.branch });
      return { passed: count === spec.count, detail: `The branch protection of ${spec.branch} requires ${count} approving review(s).`, observed: { count } };
    }
    case "deployments-scaled":
    case "deployments-rolled-out": {
      const lines: string[] = [];
      let passed = true;
      for (const d of spec.deployments) {
        const found = await ports.kubernetes.getDeployment(d);
        if (!found) {
          passed = false;
          lines.push(`${d.name}: not found`);
          continue;
        }
        const ok = spec.kind === "deployments-scaled" ? isScaledTo(found, (d as { replicas: number }).replicas) : isRolledOut(found);
        passed &&= ok;
        lines.push(`${d.name}: ${found.readyReplicas}/${found.replicas} ready${!ok && found.stalled ? ` (rollout stopped: ${found.stalled})` : ""}`);
      }
      return { passed, detail: lines.join("; ") };
    }
    case "diagnostic-settings-absent": {
      const settings = await ports.azureMonitor.listDiagnosticSettings({ resourceId: spec.resourceId });
      return settings.length === 0
        ? { passed: true, detail: "No diagnostic setting is left on the server." }
        : { passed: false, detail: `Diagnostic settings still there: ${settings.map((s) => s.name).join(", ")}.` };
    }
    case "backup-exists":
    case "backup-absent": {
      const blob = await ports.backupStorage.getBackup(spec);
      if (spec.kind === "backup-absent") {
        return blob
          ? { passed: false, detail: `A backup named ${spec.name} already exists (taken ${blob.createdAt}); the workflow refuses to overwrite it: choose another name.` }
          : { passed: true, detail: `No backup is named ${spec.name} yet.` };
      }
      return blob
        ? { passed: true, detail: `The backup ${blob.name} exists (${blob.sizeBytes} bytes, ${blob.createdAt}).`, observed: blob }
        : { passed: false, detail: `There is no backup named ${spec.name} in ${spec.account}/${spec.container}.` };
    }
    case "health-passing": {
      const failing: string[] = [];
      const reports: unknown[] = [];
      for (const [service, url] of Object.entries(spec.urls)) {
        const report = await ports.health.checkHealth({ url });
        reports.push({ service, passed: report.passed, httpStatus: report.httpStatus, checks: report.checks });
        if (!report.passed) {
          const bad = report.checks.filter((c) => !c.passed && !c.optional).map((c) => `${c.name} (${c.message})`);
          failing.push(`${service.toUpperCase()}: ${bad.join(", ") || `HTTP ${report.httpStatus}`}`);
        }
      }
      return failing.length
        ? { passed: false, detail: `Failing health checks: ${failing.join("; ")}.`, observed: reports }
        : { passed: true, detail: `Every required health check passes for ${Object.keys(spec.urls).map((s) => s.toUpperCase()).join(" and ")}.`, observed: reports };
    }
  }
}
