import { z } from "zod";

/**
 * The one reader of `process.env`. Everything else imports the validated config from here,
 * so a wrong value fails at start with a message naming the variable and what it expects.
 */

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\/.+/.test(v), "a PostgreSQL URL such as postgresql://user@host:5432/db");

const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const port = (fallback: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: "a TCP port number between 1 and 65535" })
      .int("a whole TCP port number")
      .min(1, "a TCP port number between 1 and 65535")
      .max(65535, "a TCP port number between 1 and 65535")
      .default(fallback),
  );

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** HTTP port of the console. */
  PORT: port(3000),
  /** Interface the console listens on: loopback by default; 0.0.0.0 in a container. */
  HOST: z.preprocess(emptyAsUndefined, z.string().default("127.0.0.1")),
  /** The console's own database. Without it, `npm start` runs an embedded PostgreSQL. */
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  /** Where the embedded PostgreSQL keeps its data (git-ignored). */
  EMBEDDED_PG_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data/postgres")),
  EMBEDDED_PG_PORT: port(54329),
  /** Integration tests use this server when set, else an embedded one. Must be local. */
  TEST_DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  /** Browser for the end-to-end tests; found automatically when unset (e2e/chromium.ts). */
  CHROMIUM_PATH: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** Port of the console started by the end-to-end tests. */
  E2E_PORT: port(3107),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * What the console drives: `sandbox` (the local stand-ins in sandbox/, the default) or `cloud`
   * (real Azure, GitHub and Kubernetes, configured by the variables of the integrations).
   */
  DR_TARGET: z.enum(["sandbox", "cloud"], { error: 'either "sandbox" or "cloud"' }).default("sandbox"),
  /** Written by the sandbox on start: the URLs of every stand-in. */
  SANDBOX_ENDPOINTS_FILE: z.preprocess(emptyAsUndefined, z.string().default(".sandbox/endpoints.json")),
  /** Version shown by /api/health; set by the build or deployment. */
  APP_VERSION: z.preprocess(emptyAsUndefined, z.string().optional()),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join(".") || "(environment)";
    const got = source[name];
    const shown = got === undefined ? "it is not set" : `got ${JSON.stringify(got)}`;
    return `${name}: expected ${issue.message} (${shown})`;
  });
  throw new ConfigError(problems);
}

let cached: Env | undefined;

/** The validated environment of this process. Throws ConfigError on the first read if it is wrong. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Environment for a child process: this process's environment with overrides (undefined removes). */
export function childEnvironment(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** For tests that must see a changed environment. */
export function resetEnvCache(): void {
  cached = undefined;
}
