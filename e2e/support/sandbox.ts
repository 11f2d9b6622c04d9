import { readFile } from "node:fs/promises";
import path from "node:path";
import { env } from "../../lib/config/env";

/** The sandbox the end-to-end console started (`npm start` in sandbox mode): its control API. */
export async function sandboxControlUrl(): Promise<string> {
  const file = path.resolve(import.meta.dirname, "..", "..", env().E2E_STATE_DIR, "endpoints.json");
  const endpoints = JSON.parse(await readFile(file, "utf8")) as { control: { url: string } };
  return endpoints.control.url;
}

/** Calls the sandbox's control API (disasters, state); throws with its answer on an error status. */
export async function sandboxControl<T>(method: "GET" | "POST", route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${await sandboxControlUrl()}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`sandbox ${method} ${route}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}
