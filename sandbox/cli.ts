/**
 * `npm run sandbox -- <command>`: start the sandbox, or cause a disaster / set a fault in a running one
 * through its control API. `npm run sandbox -- help` lists the commands.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "@/lib/config/env";
import { readSandboxEndpoints } from "./control/endpoints";
import { startSandbox } from "./index";

const HELP = `Usage: npm run sandbox -- <command> [options]

  serve [--speed fast|realistic] [--state-dir .sandbox]
        Start the sandbox (DATABASE_URL's server, or the embedded PostgreSQL) and print its endpoints.

  Commands for a running sandbox (found through SANDBOX_ENDPOINTS_FILE, default .sandbox/endpoints.json):
  delete-server --env <test|preprod|production> [--minutes-ago N | --deleted-at <ISO time>]
        Delete the environment's server as the portal would.
  drop-table    --env <env> --table <name>
  corrupt-rows  --env <env> --table <name> [--count N]
  delete-rows   --env <env> --table <name> [--count N]
  fault         --stand-in <arm|github|kubernetes|services> [--status 429|500 --count N] [--retry-after S]
                [--latency-ms N] [--reset-connections N] [--async fail|hang --count N] [--path <regex>]
  clear-faults  [--stand-in <name>]
  counters | state | endpoints | reset
  (every command takes --service <key>, default aytq)`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    env: { type: "string" },
    service: { type: "string", default: "aytq" },
    table: { type: "string" },
    count: { type: "string" },
    "minutes-ago": { type: "string" },
    "deleted-at": { type: "string" },
    "stand-in": { type: "string" },
    status: { type: "string" },
    "retry-after": { type: "string" },
    "latency-ms": { type: "string" },
    "reset-connections": { type: "string" },
    async: { type: "string" },
    path: { type: "string" },
    speed: { type: "string", default: "fast" },
    "state-dir": { type: "string" },
  },
});

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

function need(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${name} is required.`);
  return value;
}

function integer(name: keyof typeof values, fallback?: number): number | undefined {
  const value = values[name];
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number.`);
  return n;
}

async function control(method: string, route: string, body?: unknown): Promise<unknown> {
  const file = values["state-dir"] ? path.join(values["state-dir"], "endpoints.json") : env().SANDBOX_ENDPOINTS_FILE;
  if (!existsSync(file)) throw new UsageError(`No running sandbox: ${file} does not exist (start one with \`npm run sandbox -- serve\`).`);
  const endpoints = await readSandboxEndpoints(file);
  const response = await fetch(`${endpoints.control.url}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => {
    throw new UsageError(`The sandbox at ${endpoints.control.url} does not answer: is it still running?`);
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : { status: response.status };
  if (!response.ok) throw new UsageError(`${response.status}: ${JSON.stringify(parsed, null, 2)}`);
  return parsed;
}

async function serve(): Promise<void> {
  const config = env();
  const speed = values.speed === "realistic" ? "realistic" : "fast";
  let adminDatabaseUrl: string;
  let stopDatabase = async () => undefined as void;
  if (config.DATABASE_URL) {
    const url = new URL(config.DATABASE_URL);
    url.pathname = "/postgres";
    adminDatabaseUrl = url.toString();
  } else {
    const { startEmbeddedPostgres } = await import("@/lib/database/embedded");
    const embedded = await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT, database: "dr_console" });
    adminDatabaseUrl = embedded.adminUrl;
    stopDatabase = embedded.stop;
  }
  const stateDir = values["state-dir"] ?? path.dirname(config.SANDBOX_ENDPOINTS_FILE);
  const sandbox = await startSandbox({ adminDatabaseUrl, stateDir, speed });
  console.log(JSON.stringify(sandbox.endpoints, null, 2));
  console.log(`[sandbox] running (${speed}); endpoints in ${path.join(stateDir, "endpoints.json")}. Ctrl-C stops it.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("[sandbox] stopping...");
    await sandbox.stop();
    await stopDatabase();
    console.log("[sandbox] stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

function faultSettings(): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  const count = integer("count", 1)!;
  if (values.status === "429") settings.tooManyRequests = { count, retryAfterSeconds: integer("retry-after", 1) };
  else if (values.status === "500") settings.serverError = { count };
  else if (values.status !== undefined) throw new UsageError("--status must be 429 or 500.");
  if (values["latency-ms"] !== undefined) settings.latencyMs = integer("latency-ms");
  if (values["reset-connections"] !== undefined) settings.connectionReset = { count: integer("reset-connections") };
  if (values.async === "fail") settings.asyncOperationFails = { count };
  else if (values.async === "hang") settings.asyncOperationHangs = { count };
  else if (values.async !== undefined) throw new UsageError("--async must be fail or hang.");
  if (values.path) settings.pathPattern = values.path;
  if (Object.keys(settings).length === 0) throw new UsageError("Say which fault: --status, --latency-ms, --reset-connections or --async.");
  return settings;
}

async function main(): Promise<void> {
  const [command] = positionals;
  const target = () => ({ service: values.service, environment: need("env") });
  const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
  switch (command) {
    case "serve":
      return serve();
    case "delete-server": {
      const minutesAgo = integer("minutes-ago");
      const deletedAt = values["deleted-at"] ?? (minutesAgo !== undefined ? new Date(Date.now() - minutesAgo * 60_000).toISOString() : undefined);
      return print(await control("POST", "/disasters/delete-server", { ...target(), deletedAt }));
    }
    case "drop-table":
      return print(await control("POST", "/disasters/drop-table", { ...target(), table: need("table") }));
    case "corrupt-rows":
    case "delete-rows":
      return print(await control("POST", `/disasters/${command}`, { ...target(), table: need("table"), count: integer("count", 5) }));
    case "fault":
      return print(await control("PUT", `/faults/${need("stand-in")}`, faultSettings()));
    case "clear-faults":
      return print(await control("DELETE", values["stand-in"] ? `/faults/${values["stand-in"]}` : "/faults"));
    case "counters":
      return print(await control("GET", "/counters"));
    case "state":
      return print(await control("GET", "/state"));
    case "endpoints":
      return print(await control("GET", "/endpoints"));
    case "reset":
      return print(await control("POST", "/reset"));
    case undefined:
    case "help":
      console.log(HELP);
      return;
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${HELP}`);
  }
}

main().catch((error) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(1);
});
