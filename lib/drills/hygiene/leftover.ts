import type { ServerRef } from "../../integrations/azure-postgres/port";
import type { DeploymentRef } from "../../integrations/kubernetes/port";

/** What a tidy-up does, as JSON-safe data recorded before it is sent (TidyUpAction.request). */
export type TidyUpRequest =
  | { kind: "delete-ptr-copy"; server: ServerRef; guard: { createdAtOrAfter: string; protectedServers: string[] } }
  | { kind: "unfreeze-branch"; repository: { owner: string; repo: string }; branch: string; count: number }
  | { kind: "restore-replicas"; deployments: (DeploymentRef & { replicas: number })[] };

/** Something a drill (or incident) left behind, from its records and, when the ports are there, the live state. */
export interface Leftover {
  /** Stable per thing: "ptr-copy:<server>", "backup:<blob>", "frozen-branch:<repo>@<branch>", "replicas:<ns>/<deployment>". */
  key: string;
  kind: "ptr-copy" | "ad-hoc-backup" | "frozen-branch" | "scaled-deployment";
  title: string;
  /** Why the console thinks it is there (which step made it, what was recorded). */
  detail: string;
  /** From the live system: "present" (still there), "gone" (already tidied), "unknown" (not checked or unreachable). */
  live: "present" | "gone" | "unknown";
  liveDetail: string;
  /** Still to tidy: live says present, or (unchecked) the records say nothing tidied it. */
  leftBehind: boolean;
  /** The one-click tidy-up, or null with `manual` saying what to do instead. */
  tidyUp: { description: string; request: TidyUpRequest } | null;
  manual: string | null;
  /** The latest tidy-up of this thing, if any. */
  lastTidyUp: { id: string; status: "pending" | "running" | "succeeded" | "failed"; result: string | null; error: string | null; requestedBy: string } | null;
}
