import { gunzipSync } from "node:zlib";
import { MonitorClient } from "@azure/arm-monitor";
import { PostgreSQLManagementFlexibleServerClient } from "@azure/arm-postgresql-flexible";
import { BlobServiceClient } from "@azure/storage-blob";
import { Octokit } from "@octokit/rest";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getEnvironment, serverResourceId } from "@/lib/catalogue/catalogue";
import { KubernetesState } from "../../kubernetes/state";
import { startTestSandbox, type TestSandbox } from "../../services/testing/start-test-sandbox";
import { startGithubStandIn, type GithubStandIn } from "../server";
import { monitorClient, postgresClient } from "../tools/arm";

/**
 * The database workflows doing their real work: pg_dump into Azurite, psql restores into the live server, a
 * point-in-time restore through the ARM stand-in, and the deploy that trips over the leftover diagnostic setting.
 */

const owner = "DFE-Digital";
const repo = "access-your-teaching-qualifications";
const test = getEnvironment("aytq", "test");
const production = getEnvironment("aytq", "production");
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let sandbox: TestSandbox;
let kubernetes: KubernetesState;
let github: GithubStandIn;
let octokit: Octokit;

beforeAll(async () => {
  sandbox = await startTestSandbox({ adminDatabaseUrl: inject("testAdminUrl"), storage: true });
  kubernetes = new KubernetesState({ rolloutStepMs: 20 });
  github = await startGithubStandIn({ context: sandbox.context, kubernetes, timing: { queueMs: 30, stepMs: 5, pollIntervalMs: 250 }, schedules: false });
  octokit = new Octokit({ baseUrl: github.url, auth: "ghp_sandbox", log: quiet });
});

afterAll(async () => {
  await github?.stop();
  kubernetes?.stop();
  await sandbox?.stop();
});

async function runWorkflow(file: string, inputs: Record<string, string>) {
  const res = await octokit.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", { owner, repo, workflow_id: file, ref: "main", inputs, return_run_details: true });
  const id = (res.data as unknown as { workflow_run_id: number }).workflow_run_id;
  const until = Date.now() + 30_000;
  for (;;) {
    const run = (await octokit.actions.getWorkflowRun({ owner, repo, run_id: id })).data;
    if (run.status === "completed") {
      const text = async (extra: string) => (await fetch(`${github.url}/repos/${owner}/${repo}/actions/runs/${id}/${extra}`, { headers: { authorization: "token x" } })).text();
      return { run, summary: await text("summary"), log: await text("sandbox-log") };
    }
    if (Date.now() > until) throw new Error(`${file} run ${id} still ${run.status}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

async function liveQuery<T extends pg.QueryResultRow>(server: string, sql: string): Promise<T[]> {
  const url = await sandbox.context.serverDatabaseUrl(server);
  if (!url) throw new Error(`${server} is not ready`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const countOf = async (server: string, table: string) => Number((await liveQuery<{ n: string }>(server, `select count(*) as n from ${table}`))[0]?.n);

function container() {
  const storage = test.backupStorage;
  if (!storage) throw new Error("test has backup storage");
  return BlobServiceClient.fromConnectionString(sandbox.context.storage.connectionString(storage.account)).getContainerClient(storage.container);
}

describe("database-backup.yml and database-restore.yml", () => {
  const name = `drill_${Date.now()}`;

  it("backs up the live test database with pg_dump into the backup container, and lists it with @azure/storage-blob", async () => {
    const { run, summary } = await runWorkflow("database-backup.yml", { environment: "test", "backup-file": name });
    expect(run.conclusion).toBe("success");
    expect(summary).toContain("BACKUP SUCCESSFUL!");
    expect(summary).toContain(`FILENAME: ${name}.sql.gz`);
    const blobs: string[] = [];
    for await (const blob of container().listBlobsFlat()) blobs.push(blob.name);
    expect(blobs).toContain(`${name}.sql.gz`);
    const sql = gunzipSync(await container().getBlobClient(`${name}.sql.gz`).downloadToBuffer()).toString("utf8");
    expect(sql).toContain("DROP TABLE IF EXISTS public.teachers;");
    expect(sql).toContain("CREATE TABLE public.teachers");
    expect(sql).not.toMatch(/OWNER TO/);
  });

  it("names a backup aytq_<short>_adhoc_<date> by default, and refuses to overwrite an existing one", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const first = await runWorkflow("database-backup.yml", { environment: "test" });
    expect(first.run.conclusion).toBe("success");
    const blob = container().getBlobClient(`aytq_ts_adhoc_${today}.sql.gz`);
    const etag = (await blob.getProperties()).etag;

    const again = await runWorkflow("database-backup.yml", { environment: "test" });
    expect(again.run.conclusion).toBe("failure");
    expect(again.log).toContain("BlobAlreadyExists");
    expect(again.summary).not.toContain("BACKUP SUCCESSFUL!");
    expect((await blob.getProperties()).etag).toBe(etag);
  });

  it("restores the backup into the live server's database with psql (data lost after it comes back)", async () => {
    const server = test.postgres.server;
    const teachers = await countOf(server, "teachers");
    await liveQuery(server, "delete from qualifications; drop table teachers");
    await expect(countOf(server, "teachers")).rejects.toThrow(/does not exist/);

    const { run, summary } = await runWorkflow("database-restore.yml", { environment: "test", "backup-file": `${name}.sql.gz` });
    expect(run.conclusion).toBe("success");
    expect(summary).toContain("RESTORE SUCCESSFUL!");
    expect(summary).toContain(`BACKUP FILE RESTORED: ${test.backupStorage?.account} / database-backup / ${name}.sql.gz`);
    expect(await countOf(server, "teachers")).toBe(teachers);
    expect(await countOf(server, "qualifications")).toBeGreaterThan(0);
  });

  it("fails a restore whose blob is not there, and one in preprod, which has no backup storage", async () => {
    const missing = await runWorkflow("database-restore.yml", { environment: "test", "backup-file": "aytq_ts_1999-01-01.sql.gz" });
    expect(missing.run.conclusion).toBe("failure");
    expect(missing.log).toContain("BlobNotFound");
    const preprod = await runWorkflow("database-restore.yml", { environment: "preprod", "backup-file": `${name}.sql.gz` });
    expect(preprod.run.conclusion).toBe("failure");
    expect(preprod.log).toContain("s189t01aytqdbbkpppsa");
  });
});

describe("database-restore-ptr.yml", () => {
  it("restores the live server at a point in time into a new server, and fails when that name is taken", async () => {
    const restoreTime = new Date(Date.now() - 10 * 60_000).toISOString().slice(0, 19);
    const { run, summary } = await runWorkflow("database-restore-ptr.yml", { environment: "test", "restore-time": restoreTime });
    expect(run.conclusion).toBe("success");
    expect(summary).toContain("RESTORE SUCCESSFUL!");
    expect(summary).toContain(`RESTORED SERVER: ${test.postgres.server}-ptr`);
    expect(summary).toContain(`RESTORE POINT: ${restoreTime} UTC`);
    expect(await countOf(`${test.postgres.server}-ptr`, "teachers")).toBeGreaterThan(0);
    expect(sandbox.context.counters.all()).toEqual(expect.objectContaining({ "github:dispatch database-restore-ptr.yml": 1 }));

    const again = await runWorkflow("database-restore-ptr.yml", { environment: "test", "restore-time": restoreTime });
    expect(again.run.conclusion).toBe("failure");
    expect(again.summary).not.toContain("RESTORE SUCCESSFUL!");
  });
});

describe("manual-deploy.yml", () => {
  it("recreates a deleted production server but fails while its diagnostic setting is left behind, then succeeds", async () => {
    const servers: PostgreSQLManagementFlexibleServerClient = postgresClient(sandbox.context, production.subscriptionId);
    const monitor: MonitorClient = monitorClient(sandbox.context, production.subscriptionId);
    await servers.servers.beginDeleteAndWait(production.resourceGroup, production.postgres.server, { updateIntervalInMs: 250 });
    const id = serverResourceId(production);
    const settings = async () => {
      const names: string[] = [];
      for await (const s of monitor.diagnosticSettings.list(id)) names.push(s.name ?? "");
      return names;
    };
    expect(await settings()).toEqual([production.leftoverDiagnosticSetting]);

    const failed = await runWorkflow("manual-deploy.yml", { environment: "production", image_tag: "abc123" });
    expect(failed.run.conclusion).toBe("failure");
    expect(failed.log).toContain("already exists - to be managed via Terraform this resource needs to be imported");
    expect((await servers.servers.get(production.resourceGroup, production.postgres.server)).state).toBe("Ready");

    await monitor.diagnosticSettings.delete(id, production.leftoverDiagnosticSetting ?? "");
    const deployed = await runWorkflow("manual-deploy.yml", { environment: "production", image_tag: "abc123" });
    expect(deployed.run.conclusion).toBe("success");
    expect(await settings()).toEqual([production.leftoverDiagnosticSetting]);
    const web = kubernetes.find(production.kubernetes.namespace, production.kubernetes.web.name)?.deployment;
    expect(web?.spec.template.spec.containers[0]?.image).toBe("ghcr.io/dfe-digital/access-your-teaching-qualifications:abc123");
  });
});
