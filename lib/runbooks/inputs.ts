import { z } from "zod";
import type { EnvironmentDefinition } from "../catalogue/schema";
import { ValidationError } from "../errors";
import { parseUkOrUtcTime } from "../time/parse-uk-or-utc-time";

/** Reusable input fields for step schemas. Each refuses bad input with a message that says what to type. */

/** A time as stored in step inputs: the UTC instant and what the person typed, on which clock. */
export interface TypedTime {
  utc: string;
  typed: string;
  zone: "uk" | "utc";
}

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A time typed as UK local time or UTC: `{ "time": "2026-07-24T07:00", "zone": "uk" }`, or a string that carries
 * its own offset ("2026-07-24T06:00:00Z"). A bare string is refused: the runbook warns that times are recorded in
 * UK time and sent in UTC, so the clock must be said.
 */
export function typedTimeField(label: string) {
  return z
    .union([z.string(), z.object({ time: z.string(), zone: z.enum(["uk", "utc"]) })], {
      error: `${label}: give { "time": "YYYY-MM-DDTHH:MM", "zone": "uk" | "utc" }`,
    })
    .transform((value, ctx): TypedTime => {
      const { time, zone } = typeof value === "string" ? { time: value, zone: undefined } : value;
      if (zone === undefined && !OFFSET.test(time.trim())) {
        ctx.addIssue({ code: "custom", message: `${label}: say whether "${time}" is UK time or UTC (zone "uk" or "utc"), or end it with Z.` });
        return z.NEVER;
      }
      try {
        const parsed = parseUkOrUtcTime({ text: time, zone: zone ?? "utc", field: label });
        return { utc: parsed.utc, typed: parsed.typed, zone: zone ?? "utc" };
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        ctx.addIssue({ code: "custom", message: error.message });
        return z.NEVER;
      }
    });
}

/** Azure flexible server names: 3-63 lower-case letters, digits and hyphens. */
const SERVER_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Exactly this environment's live server (refuses a name from another environment). */
export function liveServerField(environment: EnvironmentDefinition) {
  const server = environment.postgres.server;
  return z
    .string()
    .trim()
    .refine((v) => v === server, { message: `The ${environment.label} server is ${server}: a different name would act on another environment's server.` })
    .default(server);
}

/** A new server for a copy of this environment's server: `<server>-...`, so it is plainly this environment's. */
export function copyServerField(environment: EnvironmentDefinition, fallback: string) {
  const server = environment.postgres.server;
  return z
    .string()
    .trim()
    .refine((v) => SERVER_NAME.test(v), { message: "A server name is 3 to 63 lower-case letters, digits and hyphens." })
    .refine((v) => v.startsWith(`${server}-`), { message: `The copy's name must start with ${server}- so it is plainly a copy of the ${environment.label} server.` })
    .default(fallback);
}

/** A blob name for the backup workflow's `backup-file` (the workflow adds .sql.gz). */
export function backupNameField(fallback: string) {
  return z
    .string()
    .trim()
    .refine((v) => !/\.sql\.gz$/i.test(v), { message: "Leave out .sql.gz: the backup workflow adds it." })
    .refine((v) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(v), { message: "Use letters, digits, dots, hyphens and underscores only." })
    .default(fallback);
}

/** A blob name for the restore workflow's `backup-file`: the name with .sql.gz, as the runbook says. */
export function backupFileField(fallback: string | undefined) {
  const field = z
    .string({ error: "Name the backup file to restore (ending .sql.gz)." })
    .trim()
    .refine((v) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.sql\.gz$/.test(v), {
      message: "The backup file name must end with .sql.gz (the name used in the backup step, with .sql.gz appended).",
    });
  return fallback ? field.default(fallback) : field;
}

export function replicasField(fallback: number) {
  return z.coerce.number({ error: "A number of replicas." }).int("A whole number of replicas.").min(0).max(50).default(fallback);
}
