import { createHash } from "node:crypto";
import type { ServiceDefinition } from "@/lib/catalogue/schema";

/**
 * The repositories of the catalogue, as the stand-in holds them: default branch, its head commit, and the branch
 * protection of each protected branch (the default branch starts with the usual number of approving reviews).
 */

export interface PullRequestReviewsState {
  dismissStaleReviews: boolean;
  requireCodeOwnerReviews: boolean;
  requiredApprovingReviewCount: number;
  requireLastPushApproval: boolean;
  dismissalRestrictions: { users: string[]; teams: string[] } | null;
  bypassPullRequestAllowances: { users: string[]; teams: string[] } | null;
}

export interface ProtectionState {
  requiredStatusChecks: { strict: boolean; contexts: string[] } | null;
  enforceAdmins: boolean;
  requiredPullRequestReviews: PullRequestReviewsState | null;
  restrictions: { users: string[]; teams: string[]; apps: string[] } | null;
  requiredLinearHistory: boolean;
  allowForcePushes: boolean;
  allowDeletions: boolean;
  blockCreations: boolean;
  requiredConversationResolution: boolean;
  lockBranch: boolean;
  allowForkSyncing: boolean;
  requiredSignatures: boolean;
}

export interface RepositoryRecord {
  owner: string;
  repo: string;
  defaultBranch: string;
  headSha: string;
  service: ServiceDefinition;
  /** Branch name -> protection; a branch without an entry is not protected. */
  protection: Map<string, ProtectionState>;
}

export function initialProtection(service: ServiceDefinition): ProtectionState {
  return {
    requiredStatusChecks: { strict: true, contexts: ["lint", "test"] },
    enforceAdmins: false,
    requiredPullRequestReviews: {
      dismissStaleReviews: true,
      requireCodeOwnerReviews: false,
      requiredApprovingReviewCount: service.freeze.usualApprovals,
      requireLastPushApproval: false,
      dismissalRestrictions: null,
      bypassPullRequestAllowances: null,
    },
    restrictions: null,
    requiredLinearHistory: false,
    allowForcePushes: false,
    allowDeletions: false,
    blockCreations: false,
    requiredConversationResolution: false,
    lockBranch: false,
    allowForkSyncing: false,
    requiredSignatures: false,
  };
}

export class RepositoryStore {
  private readonly repositories: RepositoryRecord[];

  constructor(services: readonly ServiceDefinition[]) {
    this.repositories = services.map((service) => {
      const { owner, repo, branch } = service.repository;
      return {
        owner,
        repo,
        defaultBranch: branch,
        headSha: createHash("sha1").update(`${owner}/${repo}@${branch}`).digest("hex"),
        service,
        protection: new Map([[branch, initialProtection(service)]]),
      };
    });
  }

  /** GitHub matches owner and repository names without regard to case. */
  find(owner: string, repo: string): RepositoryRecord | undefined {
    return this.repositories.find((r) => r.owner.toLowerCase() === owner.toLowerCase() && r.repo.toLowerCase() === repo.toLowerCase());
  }

  all(): readonly RepositoryRecord[] {
    return this.repositories;
  }
}
