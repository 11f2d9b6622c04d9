import pg from "pg";
import { IntegrationError } from "../../errors";
import { callWithRetries } from "../shared/call-with-retries";
import type { CallPolicy } from "../shared/call-policy";
import { networkFailureOf } from "../shared/network-failure";
import type { ServerRef } from "../azure-postgres/port";
import type { DatabasePort, RowsWrittenSince } from "./port";

const SYSTEM = "database";
/** Rails' own bookkeeping tables: not application data. */
const INTERNAL_TABLES = ["schema_migrations", "ar_internal_metadata"];

export interface PgDatabaseAdapterOptions {
  /**
   * How to reach a server's database: the sandbox's URL from its control API, or in the cloud
   * `<server>.postgres.database.azure.com` with TLS and an Entra ID token as the password.
   */
  connectionFor(options: { server: ServerRef; database: string }): Promise<pg.ClientConfig>;
  policy: CallPolicy;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Counts, read-only and in UTC, the rows of every application table whose created_at or updated_at is after a point:
 * Rails stores both in UTC, so a restore to that point loses exactly these inserts and updates.
 */
export function createPgDatabaseAdapter(options: PgDatabaseAdapterOptions): DatabasePort {
  return {
    countRowsWrittenSince: ({ server, database, since }) =>
      callWithRetries({
        policy: options.policy,
        safeToRepeat: true,
        call: async () => {
          const config = await options.connectionFor({ server, database });
          const client = new pg.Client({ ...config, connectionTimeoutMillis: options.policy.timeoutMs, query_timeout: options.policy.timeoutMs, application_name: "dr-console" });
          await client.connect();
          try {
            await client.query("begin transaction isolation level repeatable read read only");
            await client.query("set local time zone 'UTC'");
            const columns = await client.query<{ table_name: string; has_created: boolean; has_updated: boolean }>(
              `select c.table_name,
                      bool_or(c.column_name = 'created_at') as has_created,
                      bool_or(c.column_name = 'updated_at') as has_updated
                 from information_schema.columns c
                 join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
                  and c.column_name in ('created_at', 'updated_at') and not (c.table_name = any($1))
                group by c.table_name order by c.table_name`,
              [INTERNAL_TABLES],
            );
            const point = new Date(since).toISOString().replace("T", " ").replace("Z", "");
            const tables: Record<string, number> = {};
            for (const row of columns.rows) {
              const conditions = [row.has_created ? "created_at > $1" : null, row.has_updated ? "updated_at > $1" : null].filter(Boolean).join(" or ");
              const counted = await client.query<{ n: string }>(`select count(*) as n from public.${quoteIdent(row.table_name)} where ${conditions}`, [point]);
              tables[row.table_name] = Number(counted.rows[0]?.n ?? 0);
            }
            await client.query("commit");
            const result: RowsWrittenSince = {
              tables,
              rowsWrittenAfterRestorePoint: Object.values(tables).reduce((sum, n) => sum + n, 0),
              since: new Date(since).toISOString(),
              measuredAt: new Date().toISOString(),
            };
            return result;
          } finally {
            await client.end().catch(() => undefined);
          }
        },
        toIntegrationError: (error) => {
          if (error instanceof IntegrationError) return error;
          const network = networkFailureOf(error);
          if (network) return new IntegrationError(SYSTEM, `The database ${database} on ${server.server} could not be reached: ${network.detail}.`, { retryable: true });
          return new IntegrationError(SYSTEM, `Could not count the rows written in ${database} on ${server.server}: ${error instanceof Error ? error.message : String(error)}`);
        },
      }),
  };
}
