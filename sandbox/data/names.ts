import { createHash, randomBytes } from "node:crypto";
import path from "node:path";

/**
 * Names of the real PostgreSQL databases behind one sandbox. Several sandboxes share a PostgreSQL server
 * (parallel test files, a developer's `npm start`), so every name starts with a prefix that is unique to the
 * sandbox's state folder: `sbx_<8 hex>_`. PostgreSQL cuts identifiers at 63 bytes; names stay below that.
 */

const MAX_IDENTIFIER = 63;

/** Stable for one state folder, different for another: a restart finds its own databases again. */
export function instanceId(stateDir: string): string {
  return createHash("sha256").update(path.resolve(stateDir)).digest("hex").slice(0, 8);
}

export function instancePrefix(instance: string): string {
  return `sbx_${instance}_`;
}

export function templateDatabaseName(instance: string): string {
  return `${instancePrefix(instance)}template`;
}

export function historyDatabaseName(instance: string): string {
  return `${instancePrefix(instance)}history`;
}

/** Lower-case letters, digits and underscores only, at most `max` characters. */
export function slug(value: string, max: number): string {
  const cleaned = value.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return cleaned.slice(0, max).replace(/_+$/g, "") || "x";
}

/**
 * The database that holds one incarnation of an emulated server. A revived or re-created server gets a new
 * database (the suffix), so a deleted server's leftovers never collide with its successor.
 */
export function serverDatabaseName(instance: string, serverName: string, suffix = randomBytes(3).toString("hex")): string {
  const prefix = `${instancePrefix(instance)}s_`;
  const room = MAX_IDENTIFIER - prefix.length - suffix.length - 1;
  return `${prefix}${slug(serverName, room)}_${suffix}`;
}

/** Where a deleted server's database is moved so that nothing can reach it by its old name. */
export function droppedDatabaseName(instance: string, suffix = randomBytes(4).toString("hex")): string {
  return `${instancePrefix(instance)}dropped_${suffix}`;
}

/** A scratch database (restores in progress, backup dumps). */
export function scratchDatabaseName(instance: string, purpose: string, suffix = randomBytes(3).toString("hex")): string {
  const prefix = `${instancePrefix(instance)}tmp_`;
  const room = MAX_IDENTIFIER - prefix.length - suffix.length - 1;
  return `${prefix}${slug(purpose, room)}_${suffix}`;
}

/** A short id for one incarnation of a server: the key of its history. */
export function newServerKey(): string {
  return randomBytes(6).toString("hex");
}
