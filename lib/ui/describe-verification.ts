import type { VerificationSpec } from "../runbooks/operation-requests";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A verification as the end of a sentence ("the server X is Ready"). */
export function describeVerification(options: { spec: VerificationSpec }): string {
  const s = options.spec;
  switch (s.kind) {
    case "server-ready":
      return `the server ${s.server.server} exists and is Ready`;
    case "server-absent":
      return `no server named ${s.server.server} exists`;
    case "required-approvals":
      return `the branch protection of ${s.branch} requires ${plural(s.count, "approving review")}`;
    case "deployments-scaled":
      return s.deployments.map((d) => `${d.name} has ${plural(d.replicas, "replica")}`).join(" and ");
    case "deployments-rolled-out":
      return `${s.deployments.map((d) => d.name).join(" and ")} ${s.deployments.length === 1 ? "is" : "are"} rolled out`;
    case "diagnostic-settings-absent":
      return "no diagnostic setting is left on the server";
    case "backup-exists":
      return `the backup ${s.name} exists in ${s.account}/${s.container}`;
    case "backup-absent":
      return `no backup named ${s.name} exists yet in ${s.account}/${s.container}`;
    case "health-passing":
      return `every required health check passes on ${Object.keys(s.urls).map((k) => k.toUpperCase()).join(" and ")}`;
  }
}
