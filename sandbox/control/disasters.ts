import { getEnvironment } from "@/lib/catalogue/catalogue";
import type { AzureSandbox } from "../azure/start-azure";
import { serverResourceId } from "../azure/state";
import { quoteIdent } from "../data/pg";

/**
 * The set-ups of the DR testing document, done to the sandbox as a person would do them: delete the server
 * in the portal (scenario 1); drop a table or corrupt/delete rows through a database session (scenario 2).
 * Each records the time it happened, and the state just before it is kept as a base copy so that a
 * point-in-time restore to "just before" is exact.
 */

export class DisasterRefusedError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = "DisasterRefusedError";
  }
}

export interface DisasterRecord {
  kind: "delete-server" | "drop-table" | "corrupt-rows" | "delete-rows";
  service: string;
  environment: string;
  server: string;
  /** When it happened (UTC). */
  at: string;
  details: Record<string, unknown>;
}

function liveServer(azure: AzureSandbox, service: string, environment: string) {
  const definition = getEnvironment(service, environment);
  const server = azure.state.server(definition.postgres.server);
  if (!server) throw new DisasterRefusedError(404, `The server ${definition.postgres.server} does not exist (already deleted?).`);
  if (server.state !== "Ready") throw new DisasterRefusedError(409, `The server ${server.name} is ${server.state}; wait until it is Ready.`);
  return server;
}

export async function deleteServerAsPortal(options: { azure: AzureSandbox; service: string; environment: string; deletedAt?: Date; caller?: string }): Promise<DisasterRecord> {
  const server = liveServer(options.azure, options.service, options.environment);
  const requestedAt = options.deletedAt ?? new Date();
  if (requestedAt.getTime() > Date.now()) throw new DisasterRefusedError(400, "deletedAt must not be in the future.");
  const operation = options.azure.servers.beginDelete({
    subscriptionId: server.subscriptionId,
    resourceGroup: server.resourceGroup,
    name: server.name,
    caller: options.caller ?? "portal.user@education.gov.uk",
    requestedAt,
  });
  // As in the portal, the server is gone for its apps from this moment: wait until its database is unreachable.
  if (operation) await options.azure.servers.dataSettled(operation.id);
  return {
    kind: "delete-server",
    service: options.service,
    environment: options.environment,
    server: server.name,
    at: requestedAt.toISOString(),
    details: { resourceId: serverResourceId(server), operationId: operation?.id, leavesDiagnosticSetting: server.environment?.production ?? false },
  };
}

async function tableColumns(azure: AzureSandbox, serverKey: string, table: string): Promise<{ name: string; type: string; maxLength: number | null }[]> {
  const live = azure.data.liveDatabase(serverKey);
  if (!live) throw new DisasterRefusedError(409, "The server's database is not available.");
  const found = await live.query<{ column_name: string; data_type: string; character_maximum_length: number | null }>(
    "select column_name, data_type, character_maximum_length from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position",
    [table],
  );
  if (found.rows.length === 0) throw new DisasterRefusedError(404, `There is no table "${table}" in the database.`);
  return found.rows.map((r) => ({ name: r.column_name, type: r.data_type, maxLength: r.character_maximum_length }));
}

export async function dropTable(options: { azure: AzureSandbox; service: string; environment: string; table: string }): Promise<DisasterRecord> {
  const server = liveServer(options.azure, options.service, options.environment);
  await tableColumns(options.azure, server.key, options.table);
  await options.azure.data.checkpoint(server.key, `before dropping ${options.table}`);
  const live = options.azure.data.liveDatabase(server.key)!;
  const at = new Date();
  await live.query(`drop table public.${quoteIdent(options.table)} cascade`);
  return { kind: "drop-table", service: options.service, environment: options.environment, server: server.name, at: at.toISOString(), details: { table: options.table } };
}

/** Rows chosen at random; `corrupt` overwrites their text columns, otherwise they are deleted. */
export async function damageRows(options: { azure: AzureSandbox; service: string; environment: string; table: string; count: number; corrupt: boolean }): Promise<DisasterRecord> {
  const server = liveServer(options.azure, options.service, options.environment);
  const columns = await tableColumns(options.azure, server.key, options.table);
  if (!columns.some((c) => c.name === "id")) throw new DisasterRefusedError(400, `Table "${options.table}" has no id column; choose an application table such as teachers.`);
  await options.azure.data.checkpoint(server.key, `before ${options.corrupt ? "corrupting" : "deleting"} rows of ${options.table}`);
  const live = options.azure.data.liveDatabase(server.key)!;
  const t = `public.${quoteIdent(options.table)}`;
  const pick = `select id from ${t} order by random() limit $1`;
  const at = new Date();
  let ids: number[];
  if (options.corrupt) {
    const text = columns.filter((c) => c.name !== "id" && (c.type === "character varying" || c.type === "text"));
    if (text.length === 0) throw new DisasterRefusedError(400, `Table "${options.table}" has no text column to corrupt.`);
    // Random per row, so unique columns stay unique; marked where the column is long enough to show it.
    const sets = text.map((c) =>
      c.maxLength !== null && c.maxLength < 16
        ? `${quoteIdent(c.name)} = left(md5(random()::text), ${c.maxLength})`
        : `${quoteIdent(c.name)} = '#CORRUPT# ' || md5(random()::text)`,
    );
    if (columns.some((c) => c.name === "updated_at")) sets.push("updated_at = (now() at time zone 'utc')");
    const result = await live.query<{ id: string }>(`update ${t} set ${sets.join(", ")} where id in (${pick}) returning id`, [options.count]);
    ids = result.rows.map((r) => Number(r.id));
  } else {
    const result = await live.query<{ id: string }>(`delete from ${t} where id in (${pick}) returning id`, [options.count]);
    ids = result.rows.map((r) => Number(r.id));
  }
  return {
    kind: options.corrupt ? "corrupt-rows" : "delete-rows",
    service: options.service,
    environment: options.environment,
    server: server.name,
    at: at.toISOString(),
    details: { table: options.table, ids: ids.sort((a, b) => a - b) },
  };
}
