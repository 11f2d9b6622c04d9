import { readFileSync } from "node:fs";
import { request } from "node:https";
import type { TokenCredential } from "@azure/core-auth";
import { MonitorClient } from "@azure/arm-monitor";
import { PostgreSQLManagementFlexibleServerClient } from "@azure/arm-postgresql-flexible";
import type { SandboxContext } from "../../context";

/**
 * How the sandbox's workflows reach Azure Resource Manager: the ARM stand-in over HTTPS with the sandbox token and
 * CA. `az` steps use the real Azure SDK clients (az is built on the same SDKs); `curl` steps send the raw request.
 */

function credential(context: SandboxContext): TokenCredential {
  return { getToken: async () => ({ token: context.arm.token, expiresOnTimestamp: Date.now() + 3600_000 }) };
}

function ca(context: SandboxContext): string {
  return readFileSync(context.arm.caFile, "utf8");
}

export function postgresClient(context: SandboxContext, subscriptionId: string): PostgreSQLManagementFlexibleServerClient {
  return new PostgreSQLManagementFlexibleServerClient(credential(context), subscriptionId, {
    endpoint: context.arm.url,
    tlsOptions: { ca: ca(context) },
  });
}

export function monitorClient(context: SandboxContext, subscriptionId: string): MonitorClient {
  return new MonitorClient(credential(context), subscriptionId, { endpoint: context.arm.url, tlsOptions: { ca: ca(context) } });
}

/** curl's exit status on a transport failure (no HTTP answer), with curl's message. */
export class CurlError extends Error {
  constructor(readonly exitCode: number, message: string) {
    super(message);
    this.name = "CurlError";
  }
}

/** `curl -X <method> -H "Authorization: Bearer ..." -d <body> <url>`: any HTTP status is a success for curl. */
export async function curl(options: { context: SandboxContext; method: string; path: string; body?: unknown; signal?: AbortSignal }): Promise<{ status: number; body: string }> {
  const url = new URL(options.path, options.context.arm.url);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return await new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method,
        ca: ca(options.context),
        signal: options.signal,
        headers: {
          authorization: `Bearer ${options.context.arm.token}`,
          "content-type": "application/json",
          "user-agent": "curl/8.5.0",
          ...(payload ? { "content-length": Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", (e) => reject(new CurlError(56, `curl: (56) Recv failure: ${e.message}`)));
      },
    );
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "ECONNREFUSED") reject(new CurlError(7, `curl: (7) Failed to connect to ${url.host}: Connection refused`));
      else if (e.code === "ECONNRESET") reject(new CurlError(56, "curl: (56) Recv failure: Connection reset by peer"));
      else reject(new CurlError(35, `curl: (35) ${e.message}`));
    });
    if (payload) req.write(payload);
    req.end();
  });
}

/** The message az prints for an SDK error: `(Code) Message`. */
export function azErrorMessage(error: unknown): string {
  const e = error as { code?: string; message?: string; statusCode?: number };
  return e.code ? `(${e.code}) ${e.message ?? ""}`.trim() : (e.message ?? String(error));
}

export function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: number }).statusCode === 404;
}
