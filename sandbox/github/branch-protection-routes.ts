import { Hono, type Context } from "hono";
import type { OperationCounters } from "../faults";
import { docs, githubError } from "./github-error";
import type { GithubEnv } from "./create-api";
import { initialProtection, type ProtectionState, type PullRequestReviewsState, type RepositoryStore } from "./repositories";
import { simpleUser, type Urls } from "./representation";

/**
 * Branch protection: GET/PUT/DELETE `/repos/{owner}/{repo}/branches/{branch}/protection` and GET/PATCH/DELETE its
 * `required_pull_request_reviews` (the freeze sets `required_approving_review_count` to 6 and back).
 */

type C = Context<GithubEnv>;

class ValidationFailed extends Error {}

const isBool = (v: unknown) => typeof v === "boolean";
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

function reviewCount(v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 6) {
    throw new ValidationFailed(`Invalid request.\n\nInvalid property /required_approving_review_count: ${JSON.stringify(v)} is not a number between 0 and 6.`);
  }
  return v;
}

function restrictionLists(v: unknown, field: string): { users: string[]; teams: string[] } | null {
  if (v === undefined || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof v !== "object" || (o.users !== undefined && !isStrings(o.users)) || (o.teams !== undefined && !isStrings(o.teams))) {
    throw new ValidationFailed(`Invalid request.\n\nInvalid property /${field}: not an object of login and slug lists.`);
  }
  const users = (o.users as string[] | undefined) ?? [];
  const teams = (o.teams as string[] | undefined) ?? [];
  return users.length === 0 && teams.length === 0 ? null : { users, teams };
}

function applyReviewFields(current: PullRequestReviewsState, body: Record<string, unknown>, prefix = ""): PullRequestReviewsState {
  const next = { ...current };
  for (const [key, field] of [
    ["dismiss_stale_reviews", "dismissStaleReviews"],
    ["require_code_owner_reviews", "requireCodeOwnerReviews"],
    ["require_last_push_approval", "requireLastPushApproval"],
  ] as const) {
    if (body[key] === undefined) continue;
    if (!isBool(body[key])) throw new ValidationFailed(`Invalid request.\n\nInvalid property ${prefix}/${key}: ${JSON.stringify(body[key])} is not a boolean.`);
    next[field] = body[key] as boolean;
  }
  if (body.required_approving_review_count !== undefined) next.requiredApprovingReviewCount = reviewCount(body.required_approving_review_count);
  if (body.dismissal_restrictions !== undefined) next.dismissalRestrictions = restrictionLists(body.dismissal_restrictions, "dismissal_restrictions");
  if (body.bypass_pull_request_allowances !== undefined) next.bypassPullRequestAllowances = restrictionLists(body.bypass_pull_request_allowances, "bypass_pull_request_allowances");
  return next;
}

function parsePut(body: unknown, current: ProtectionState | undefined, fresh: ProtectionState): ProtectionState {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ValidationFailed("Problems parsing JSON");
  const b = body as Record<string, unknown>;
  const missing = ["required_status_checks", "enforce_admins", "required_pull_request_reviews", "restrictions"].filter((k) => !(k in b));
  if (missing.length > 0) throw new ValidationFailed(`Invalid request.\n\n${missing.map((k) => `"${k}" wasn't supplied.`).join("\n")}`);
  const checks = b.required_status_checks as Record<string, unknown> | null;
  if (checks !== null && (typeof checks !== "object" || !isBool(checks.strict) || !isStrings(checks.contexts))) {
    throw new ValidationFailed('Invalid request.\n\n"strict", "contexts" are required in required_status_checks.');
  }
  if (b.enforce_admins !== null && !isBool(b.enforce_admins)) throw new ValidationFailed("Invalid request.\n\nInvalid property /enforce_admins: not a boolean or null.");
  const reviews = b.required_pull_request_reviews as Record<string, unknown> | null;
  if (reviews !== null && typeof reviews !== "object") throw new ValidationFailed("Invalid request.\n\nInvalid property /required_pull_request_reviews: not an object or null.");
  const restrictions = b.restrictions as Record<string, unknown> | null;
  if (restrictions !== null && (typeof restrictions !== "object" || !isStrings(restrictions.users) || !isStrings(restrictions.teams))) {
    throw new ValidationFailed('Invalid request.\n\n"users", "teams" are required in restrictions.');
  }
  const flag = (key: string, before: boolean) => {
    if (b[key] === undefined) return before;
    if (b[key] !== null && !isBool(b[key])) throw new ValidationFailed(`Invalid request.\n\nInvalid property /${key}: not a boolean or null.`);
    return b[key] === true;
  };
  const base = current ?? fresh;
  return {
    requiredStatusChecks: checks === null ? null : { strict: checks.strict as boolean, contexts: checks.contexts as string[] },
    enforceAdmins: b.enforce_admins === true,
    requiredPullRequestReviews:
      reviews === null
        ? null
        : applyReviewFields(
            { dismissStaleReviews: false, requireCodeOwnerReviews: false, requiredApprovingReviewCount: 1, requireLastPushApproval: false, dismissalRestrictions: null, bypassPullRequestAllowances: null },
            reviews,
            "/required_pull_request_reviews",
          ),
    restrictions: restrictions === null ? null : { users: restrictions.users as string[], teams: restrictions.teams as string[], apps: isStrings(restrictions.apps) ? restrictions.apps : [] },
    requiredLinearHistory: flag("required_linear_history", false),
    allowForcePushes: flag("allow_force_pushes", false),
    allowDeletions: flag("allow_deletions", false),
    blockCreations: flag("block_creations", false),
    requiredConversationResolution: flag("required_conversation_resolution", false),
    lockBranch: flag("lock_branch", false),
    allowForkSyncing: flag("allow_fork_syncing", false),
    requiredSignatures: base.requiredSignatures,
  };
}

function team(urls: Urls, owner: string, slug: string) {
  const id = 4_000_000 + [...slug].reduce((s, ch) => (s * 31 + ch.charCodeAt(0)) % 900_000, 3);
  return {
    id,
    node_id: Buffer.from(`04:Team${id}`).toString("base64"),
    url: `${urls.api}/organizations/1/team/${id}`,
    html_url: `${urls.web}/orgs/${owner}/teams/${slug}`,
    name: slug,
    slug,
    description: null,
    privacy: "closed",
    notification_setting: "notifications_enabled",
    permission: "pull",
    members_url: `${urls.api}/organizations/1/team/${id}/members{/member}`,
    repositories_url: `${urls.api}/organizations/1/team/${id}/repos`,
    parent: null,
  };
}

function reviewsJson(urls: Urls, owner: string, base: string, r: PullRequestReviewsState) {
  const url = `${base}/required_pull_request_reviews`;
  return {
    url,
    ...(r.dismissalRestrictions
      ? {
          dismissal_restrictions: {
            url: `${base}/dismissal_restrictions`,
            users_url: `${base}/dismissal_restrictions/users`,
            teams_url: `${base}/dismissal_restrictions/teams`,
            users: r.dismissalRestrictions.users.map((u) => simpleUser(urls, u)),
            teams: r.dismissalRestrictions.teams.map((t) => team(urls, owner, t)),
            apps: [],
          },
        }
      : {}),
    ...(r.bypassPullRequestAllowances
      ? {
          bypass_pull_request_allowances: {
            users: r.bypassPullRequestAllowances.users.map((u) => simpleUser(urls, u)),
            teams: r.bypassPullRequestAllowances.teams.map((t) => team(urls, owner, t)),
            apps: [],
          },
        }
      : {}),
    dismiss_stale_reviews: r.dismissStaleReviews,
    require_code_owner_reviews: r.requireCodeOwnerReviews,
    required_approving_review_count: r.requiredApprovingReviewCount,
    require_last_push_approval: r.requireLastPushApproval,
  };
}

function protectionJson(urls: Urls, owner: string, repo: string, branch: string, p: ProtectionState) {
  const base = `${urls.api}/repos/${owner}/${repo}/branches/${branch}/protection`;
  return {
    url: base,
    ...(p.requiredStatusChecks
      ? {
          required_status_checks: {
            url: `${base}/required_status_checks`,
            strict: p.requiredStatusChecks.strict,
            contexts: p.requiredStatusChecks.contexts,
            contexts_url: `${base}/required_status_checks/contexts`,
            checks: p.requiredStatusChecks.contexts.map((context) => ({ context, app_id: null })),
          },
        }
      : {}),
    ...(p.requiredPullRequestReviews ? { required_pull_request_reviews: reviewsJson(urls, owner, base, p.requiredPullRequestReviews) } : {}),
    ...(p.restrictions
      ? {
          restrictions: {
            url: `${base}/restrictions`,
            users_url: `${base}/restrictions/users`,
            teams_url: `${base}/restrictions/teams`,
            apps_url: `${base}/restrictions/apps`,
            users: p.restrictions.users.map((u) => simpleUser(urls, u)),
            teams: p.restrictions.teams.map((t) => team(urls, owner, t)),
            apps: [],
          },
        }
      : {}),
    required_signatures: { url: `${base}/required_signatures`, enabled: p.requiredSignatures },
    enforce_admins: { url: `${base}/enforce_admins`, enabled: p.enforceAdmins },
    required_linear_history: { enabled: p.requiredLinearHistory },
    allow_force_pushes: { enabled: p.allowForcePushes },
    allow_deletions: { enabled: p.allowDeletions },
    block_creations: { enabled: p.blockCreations },
    required_conversation_resolution: { enabled: p.requiredConversationResolution },
    lock_branch: { enabled: p.lockBranch },
    allow_fork_syncing: { enabled: p.allowForkSyncing },
  };
}

async function readBody(c: C, required: boolean): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) {
    if (required) throw new ValidationFailed("Problems parsing JSON");
    return {};
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationFailed("Problems parsing JSON");
  }
}

export function branchProtectionRoutes(options: { repositories: RepositoryStore; counters: OperationCounters; urls: () => Urls }): Hono<GithubEnv> {
  const routes = new Hono<GithubEnv>();
  const base = "/repos/:owner/:repo/branches/:branch{.+}/protection";

  const withRepo = async (c: C, documentationUrl: string, handle: (r: NonNullable<ReturnType<RepositoryStore["find"]>>, branch: string) => Promise<Response> | Response) => {
    const repository = options.repositories.find(c.req.param("owner") ?? "", c.req.param("repo") ?? "");
    if (!repository) return githubError({ status: 404, message: "Not Found", documentationUrl });
    try {
      return await handle(repository, c.req.param("branch") ?? "");
    } catch (error) {
      if (error instanceof ValidationFailed) {
        return githubError({ status: error.message === "Problems parsing JSON" ? 400 : 422, message: error.message, documentationUrl });
      }
      throw error;
    }
  };

  routes.get(base, (c) =>
    withRepo(c, docs.branchProtection, (r, branch) => {
      const p = r.protection.get(branch);
      if (!p) return githubError({ status: 404, message: "Branch not protected", documentationUrl: docs.branchProtection });
      return c.json(protectionJson(options.urls(), r.owner, r.repo, branch, p));
    }),
  );

  routes.put(base, (c) =>
    withRepo(c, docs.updateBranchProtection, async (r, branch) => {
      options.counters.increment(`github:update-branch-protection ${r.owner}/${r.repo}/${branch}`);
      if (branch !== r.defaultBranch) return githubError({ status: 404, message: "Branch not found", documentationUrl: docs.updateBranchProtection });
      const next = parsePut(await readBody(c, true), r.protection.get(branch), initialProtection(r.service));
      r.protection.set(branch, next);
      return c.json(protectionJson(options.urls(), r.owner, r.repo, branch, next));
    }),
  );

  routes.delete(base, (c) =>
    withRepo(c, docs.branchProtection, (r, branch) => {
      options.counters.increment(`github:delete-branch-protection ${r.owner}/${r.repo}/${branch}`);
      if (!r.protection.delete(branch)) return githubError({ status: 404, message: "Branch not protected", documentationUrl: docs.branchProtection });
      return c.body(null, 204);
    }),
  );

  routes.get(`${base}/required_pull_request_reviews`, (c) =>
    withRepo(c, docs.pullRequestReviewProtection, (r, branch) => {
      const reviews = r.protection.get(branch)?.requiredPullRequestReviews;
      if (!reviews) return githubError({ status: 404, message: "Pull request reviews not enabled for this branch", documentationUrl: docs.pullRequestReviewProtection });
      const url = `${options.urls().api}/repos/${r.owner}/${r.repo}/branches/${branch}/protection`;
      return c.json(reviewsJson(options.urls(), r.owner, url, reviews));
    }),
  );

  routes.patch(`${base}/required_pull_request_reviews`, (c) =>
    withRepo(c, docs.pullRequestReviewProtection, async (r, branch) => {
      options.counters.increment(`github:update-pull-request-review-protection ${r.owner}/${r.repo}/${branch}`);
      const protection = r.protection.get(branch);
      if (!protection?.requiredPullRequestReviews) {
        return githubError({ status: 404, message: "Pull request reviews not enabled for this branch", documentationUrl: docs.pullRequestReviewProtection });
      }
      const body = await readBody(c, false);
      if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ValidationFailed("Problems parsing JSON");
      protection.requiredPullRequestReviews = applyReviewFields(protection.requiredPullRequestReviews, body as Record<string, unknown>);
      const url = `${options.urls().api}/repos/${r.owner}/${r.repo}/branches/${branch}/protection`;
      return c.json(reviewsJson(options.urls(), r.owner, url, protection.requiredPullRequestReviews));
    }),
  );

  routes.delete(`${base}/required_pull_request_reviews`, (c) =>
    withRepo(c, docs.pullRequestReviewProtection, (r, branch) => {
      options.counters.increment(`github:delete-pull-request-review-protection ${r.owner}/${r.repo}/${branch}`);
      const protection = r.protection.get(branch);
      if (!protection?.requiredPullRequestReviews) return githubError({ status: 404, message: "Pull request reviews not enabled for this branch", documentationUrl: docs.pullRequestReviewProtection });
      protection.requiredPullRequestReviews = null;
      return c.body(null, 204);
    }),
  );

  return routes;
}
