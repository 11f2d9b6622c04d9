import type pg from "pg";
import type { EnvironmentDefinition } from "@/lib/catalogue/schema";
import type { SandboxContext } from "../context";
import { MODEL_TABLES } from "../data/aytq-schema";
import type { KubernetesState } from "../kubernetes/state";
import type { DatabasePools } from "./database-pools";

/**
 * The checks the AYTQ/CTR app registers with okcomputer, run against the environment's live server as the app
 * reaches it (its DATABASE_URL): default, database and postgresql (ActiveRecordCheck: "Schema version: N", the
 * newest schema_migrations version), database_integrity (every model's table present), version (the image's git
 * sha; optional) and notify (GOV.UK Notify; always reachable in the sandbox).
 */

export interface CheckResult {
  name: string;
  success: boolean;
  message: string;
  /** Seconds the check took. */
  time: number;
  optional: boolean;
}

export interface RunHealthChecksOptions {
  context: SandboxContext;
  kubernetes: KubernetesState;
  pools: DatabasePools;
  environment: EnvironmentDefinition;
}

async function timed(name: string, optional: boolean, check: () => Promise<{ success: boolean; message: string }>): Promise<CheckResult> {
  const started = performance.now();
  let result: { success: boolean; message: string };
  try {
    result = await check();
  } catch (error) {
    result = { success: false, message: `Error: '${error instanceof Error ? error.message : String(error)}'` };
  }
  return { name, optional, ...result, time: Math.round(performance.now() - started) / 1000 };
}

export async function runHealthChecks(options: RunHealthChecksOptions): Promise<CheckResult[]> {
  const { environment } = options;
  const server = environment.postgres.server;
  const url = await options.context.serverDatabaseUrl(server);
  const query = async <T extends pg.QueryResultRow>(sql: string): Promise<pg.QueryResult<T>> => {
    if (!url) throw new Error(`could not translate host name "${server}.postgres.database.azure.com" to address: Name or service not known`);
    return await options.pools.get(url).query<T>(sql);
  };
  const schemaVersion = async () => {
    // ActiveRecord::Migrator.current_version: the newest migration, 0 when there is no schema_migrations table.
    const exists = await query<{ present: boolean }>("select to_regclass('public.schema_migrations') is not null as present");
    if (!exists.rows[0]?.present) return { success: true, message: "Schema version: 0" };
    const found = await query<{ version: string | null }>("select max(version::bigint)::text as version from public.schema_migrations");
    return { success: true, message: `Schema version: ${found.rows[0]?.version ?? 0}` };
  };
  const web = options.kubernetes.find(environment.kubernetes.namespace, environment.kubernetes.web.name)?.deployment;
  const image = web?.spec.template.spec.containers[0]?.image ?? "";
  const sha = image.includes(":") ? image.slice(image.lastIndexOf(":") + 1) : "";

  return Promise.all([
    timed("default", false, async () => ({ success: true, message: "Application is running" })),
    timed("database", false, schemaVersion),
    timed("postgresql", false, schemaVersion),
    timed("database_integrity", false, async () => {
      const found = await query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public'");
      const present = new Set(found.rows.map((r) => r.table_name));
      const complete = MODEL_TABLES.every((t) => present.has(t));
      return complete ? { success: true, message: "Database tables correctly loaded" } : { success: false, message: "Database tables missing for some models" };
    }),
    timed("version", true, async () => (sha ? { success: true, message: `Version: ${sha}` } : { success: false, message: "Unable to determine version" })),
    timed("notify", false, async () => ({ success: true, message: "GOV.UK Notify API is reachable" })),
  ]);
}
