import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CALL_POLICY } from "../shared/call-policy";
import { createOctokit } from "./create-octokit";
import { createOctokitAdapter } from "./octokit-adapter";

/**
 * A GitHub Enterprise Server that predates `return_run_details` refuses the whole dispatch (422). The sandbox's GitHub
 * accepts the field, so this one case is shown against a minimal server of its own: the adapter notices the refusal,
 * dispatches without the field (once: nothing was dispatched by the refused request) and finds the run by
 * workflow, branch, actor and time.
 */

const runs: { id: number; created_at: string }[] = [];
const dispatches: Record<string, unknown>[] = [];
let server: http.Server;
let baseUrl = "";

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://localhost");
      const json = (status: number, value: unknown) => {
        response.writeHead(status, { "content-type": "application/json", "x-github-request-id": "GHES:1" });
        response.end(JSON.stringify(value));
      };
      if (url.pathname === "/user") return json(200, { login: "dr-console-bot" });
      if (request.method === "POST" && url.pathname.endsWith("/dispatches")) {
        const parsed = JSON.parse(body) as Record<string, unknown>;
        dispatches.push(parsed);
        if ("return_run_details" in parsed) return json(422, { message: "Invalid request.\n\n\"return_run_details\" is not a permitted key.", documentation_url: "https://docs.github.com/enterprise-server@3.14/rest" });
        runs.push({ id: 4200 + runs.length, created_at: new Date().toISOString().replace(/\.\d+Z$/, "Z") });
        response.writeHead(204);
        return response.end();
      }
      if (request.method === "GET" && url.pathname.endsWith("/runs")) {
        expect(url.searchParams.get("actor")).toBe("dr-console-bot");
        expect(url.searchParams.get("branch")).toBe("main");
        expect(url.searchParams.get("event")).toBe("workflow_dispatch");
        const since = Date.parse((url.searchParams.get("created") ?? ">=1970-01-01T00:00:00Z").slice(2));
        const found = runs.filter((r) => Date.parse(r.created_at) >= since).map((r) => ({ ...r, html_url: `https://ghes.example/o/r/actions/runs/${r.id}`, status: "queued", conclusion: null }));
        return json(200, { total_count: found.length, workflow_runs: found });
      }
      json(404, { message: "Not Found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("dispatch on a server that refuses return_run_details", () => {
  it("dispatches again without the field, finds the run, and does not ask for it again", async () => {
    const auth = { kind: "token" as const, token: "t" };
    const github = createOctokitAdapter({ octokit: createOctokit({ baseUrl, auth, policy: { ...DEFAULT_CALL_POLICY, retryDelayMs: 10 } }), auth, returnRunDetails: true, findRunTimeoutMs: 5_000 });
    const args = { owner: "o", repo: "r", workflowFile: "database-backup.yml", ref: "main", inputs: { environment: "test" }, notBefore: new Date().toISOString() };
    const first = await github.dispatchWorkflow({ ...args, idempotencyKey: "k-1" });
    expect(first).toEqual({ runId: 4200, url: "https://ghes.example/o/r/actions/runs/4200", adopted: false });
    expect(dispatches.map((d) => "return_run_details" in d)).toEqual([true, false]);
    const second = await github.dispatchWorkflow({ ...args, idempotencyKey: "k-2", notBefore: new Date().toISOString() });
    expect(second.runId).toBe(4201);
    expect(dispatches.map((d) => "return_run_details" in d)).toEqual([true, false, false]);
  });
});
