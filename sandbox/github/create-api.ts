import { randomBytes } from "node:crypto";
import type { HttpBindings } from "@hono/node-server";
import { Hono } from "hono";
import type { Faults, OperationCounters } from "../faults";
import { takeRequestFault } from "../services/http/take-request-fault";
import { actionsRoutes, runPageRoutes } from "./actions-routes";
import { branchProtectionRoutes } from "./branch-protection-routes";
import { githubError } from "./github-error";
import type { RepositoryStore } from "./repositories";
import type { Urls } from "./representation";
import type { RunEngine } from "./runs/run-engine";

/**
 * api.github.com for the sandbox's repositories: token auth (any non-empty token; 401 "Requires authentication"
 * without one), the headers clients read (x-github-request-id, x-ratelimit-*, x-github-api-version-selected), API
 * version selection, and the "github" fault switches on every request.
 */

export type GithubEnv = { Bindings: HttpBindings; Variables: { actor: string; apiVersion: string } };

export interface CreateGithubApiOptions {
  repositories: RepositoryStore;
  engine: RunEngine;
  faults: Faults;
  counters: OperationCounters;
  urls: () => Urls;
  /** Login of the user a token stands for: a given token's login, else `defaultActor`. */
  actors: Readonly<Record<string, string>>;
  defaultActor: string;
}

const SUPPORTED_API_VERSIONS = ["2022-11-28", "2026-03-10"];
const RATE_LIMIT = 5000;

function requestId(): string {
  const hex = (n: number) => randomBytes(n).toString("hex").toUpperCase();
  return `${hex(2)}:${hex(2)}:${hex(3)}:${hex(3)}:${hex(4)}`;
}

export function createGithubApi(options: CreateGithubApiOptions): Hono<GithubEnv> {
  const app = new Hono<GithubEnv>();
  let used = 0;
  let windowReset = Math.floor(Date.now() / 1000) + 3600;

  app.use("*", async (c, next) => {
    const id = requestId();
    const fault = await takeRequestFault({ faults: options.faults, standIn: "github", path: c.req.path, bindings: c.env });
    if (fault.kind === "connectionReset") return new Response(null, { status: 500 });
    const answer = async (): Promise<Response | undefined> => {
      if (fault.kind === "tooManyRequests") {
        return githubError({
          status: 429,
          message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
          documentationUrl: "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits",
          headers: { "retry-after": String(fault.retryAfterSeconds) },
        });
      }
      if (fault.kind === "serverError") return githubError({ status: 500, message: "Server Error" });
      // The html_url pages are for people, not the API.
      if (/^\/[^/]+\/[^/]+\/actions\/runs\/\d+(\/job\/\d+)?$/.test(c.req.path)) {
        await next();
        return undefined;
      }
      const apiVersion = c.req.header("x-github-api-version") ?? "2022-11-28";
      if (!SUPPORTED_API_VERSIONS.includes(apiVersion)) {
        return githubError({ status: 400, message: `API version '${apiVersion}' is not supported.`, documentationUrl: "https://docs.github.com/rest/about-the-rest-api/api-versions" });
      }
      const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
      if (!match) return githubError({ status: 401, message: "Requires authentication" });
      const token = match[1] as string;
      const now = Math.floor(Date.now() / 1000);
      if (now >= windowReset) {
        windowReset = now + 3600;
        used = 0;
      }
      used++;
      c.set("actor", options.actors[token] ?? options.defaultActor);
      c.set("apiVersion", apiVersion);
      await next();
      const headers = c.res.headers;
      headers.set("x-ratelimit-limit", String(RATE_LIMIT));
      headers.set("x-ratelimit-remaining", String(Math.max(0, RATE_LIMIT - used)));
      headers.set("x-ratelimit-reset", String(windowReset));
      headers.set("x-ratelimit-used", String(used));
      headers.set("x-ratelimit-resource", "core");
      headers.set("x-github-api-version-selected", apiVersion);
      headers.set("x-github-media-type", "github.v3; format=json");
      return undefined;
    };
    const early = await answer();
    const response = early ?? c.res;
    response.headers.set("x-github-request-id", id);
    return early;
  });

  const routeOptions = { repositories: options.repositories, engine: options.engine, counters: options.counters, urls: options.urls };
  app.route("/", branchProtectionRoutes(routeOptions));
  app.route("/", actionsRoutes(routeOptions));
  app.route("/", runPageRoutes(routeOptions));
  app.notFound(() => githubError({ status: 404, message: "Not Found" }));
  return app;
}
