import pg from "pg";
import type { SandboxControl } from "./sandbox-control";

/** Rows of a table in an emulated server's real database (the sandbox's control API says where it is). */
export async function countRows(control: SandboxControl, server: string, table = "teachers"): Promise<number> {
  const url = await control.databaseUrl(server);
  if (!url) throw new Error(`The sandbox server ${server} is not Ready.`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]!.n);
  } finally {
    await client.end();
  }
}
