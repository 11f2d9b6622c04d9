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
  /**
   * Connections the console keeps open to its database for requests (its job queue adds 4, the live feed 1). Two
   * replicas at the default use about 30 of a server's connections.
   */
  DATABASE_POOL_MAX: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "a whole number of connections, 1 to 100" }).int().min(1).max(100).default(10)),
  /** Where the embedded PostgreSQL keeps its data (git-ignored). */
  EMBEDDED_PG_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data/postgres")),
  EMBEDDED_PG_PORT: port(54329),
  /** Integration tests use this server when set, else an embedded one. Must be local. */
  TEST_DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  /** Browser for the end-to-end tests; found automatically when unset (e2e/chromium.ts). */
  CHROMIUM_PATH: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** Port of the console started by the end-to-end tests. */
  E2E_PORT: port(3107),
  /** Database (on the test server) and sandbox folder of the end-to-end console, apart from a running `npm start`. */
  E2E_DATABASE: z.preprocess(emptyAsUndefined, z.string().regex(/^[a-z_][a-z0-9_]*$/, "a lower-case database name").default("dr_console_e2e")),
  E2E_STATE_DIR: z.preprocess(emptyAsUndefined, z.string().default(".sandbox/e2e")),
  /** The project's read-only reference folder (runbook, contracts); `../shared` beside the repository by default. */
  SHARED_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
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

  // --- Sign-in, roles, API tokens and approvals (issue 7, lib/auth) ---
  /**
   * Secret Auth.js signs its sign-in cookies with (OAuth state, PKCE, CSRF): at least 32 characters, e.g.
   * `openssl rand -base64 33`. Required when DR_TARGET=cloud; the sandbox makes one per process when unset.
   */
  AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, "a random secret of at least 32 characters").optional()),
  /** The console's public URL (https://dr-console.example.gov.uk): Auth.js's callback URLs are built from it. */
  AUTH_URL: z.preprocess(emptyAsUndefined, z.url({ error: "the console's public URL" }).optional()),
  /** Microsoft Entra ID app registration: directory (tenant) id, application (client) id and a client secret. */
  AUTH_ENTRA_TENANT_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
  AUTH_ENTRA_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().optional()),
  AUTH_ENTRA_CLIENT_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
  /**
   * Entra ID group object ids or app-role values -> console roles, highest wins: `dr-leads=lead,0f6c...=admin`.
   * A person with none of them is a viewer on first sign-in (and keeps the role an admin gives them).
   */
  AUTH_ROLE_MAPPING: z.preprocess(emptyAsUndefined, z.string().default("")),
  /** How long a browser session lasts, in hours (then sign in again). */
  AUTH_SESSION_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(24 * 7).default(12)),
  /** The longest an API token may live, in days. */
  API_TOKEN_MAX_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(366).default(90)),
  /** Where the sandbox launcher writes one API token per seeded user (git-ignored). */
  SANDBOX_TOKENS_FILE: z.preprocess(emptyAsUndefined, z.string().default(".sandbox/tokens.json")),
  /** How long a production change waits for its second person before the request expires, in minutes. */
  APPROVAL_TTL_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(24 * 60).default(15)),
  /**
   * Environments whose production-changing steps follow the two-person rule (typed confirmation, then a second
   * incident lead's approval), comma-separated. Production always does, whatever is listed.
   */
  DR_TWO_PERSON_ENVIRONMENTS: z.preprocess(emptyAsUndefined, z.string().default("production")),
  /** `off`: drills outside production skip the second person's approval (the typed confirmation stays). */
  DR_DRILL_APPROVALS: z.enum(["required", "off"], { error: 'either "required" or "off"' }).default("required"),

  // --- Integrations: Azure, GitHub, Kubernetes, health checks (issue 5, lib/integrations/create-ports.ts) ---
  // DR_TARGET=sandbox takes every endpoint from SANDBOX_ENDPOINTS_FILE and ignores these. DR_TARGET=cloud: Azure
  // signs in with DefaultAzureCredential (workload identity in AKS: AZURE_CLIENT_ID, AZURE_TENANT_ID and
  // AZURE_FEDERATED_TOKEN_FILE, set by the webhook; `az login` on a laptop), read by @azure/identity itself.
  /** Time limit of each call to Azure, GitHub, Kubernetes, a database or a health page, in seconds. */
  INTEGRATION_TIMEOUT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "a number of seconds" }).int().min(1).max(600).default(30)),
  /** Further tries of a call that is safe to repeat, after a 429, a 5xx or a broken connection (with back-off). */
  INTEGRATION_MAX_RETRIES: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "a whole number from 0 to 10" }).int().min(0).max(10).default(4)),
  /** Azure Resource Manager (another cloud's, e.g. https://management.usgovcloudapi.net, if ever needed). */
  AZURE_RESOURCE_MANAGER_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https$/, error: "an https URL" }).default("https://management.azure.com")),
  /**
   * The Entra ID principal (the console's managed identity's name) that signs in to the flexible servers to count the
   * rows a restore loses, with a token as its password. Unset: the count is skipped (the report says so).
   */
  AZURE_POSTGRES_ENTRA_USER: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** GitHub's REST API: https://api.github.com, or https://<host>/api/v3 for GitHub Enterprise Server. */
  GITHUB_API_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/, error: "the GitHub API's URL" }).default("https://api.github.com")),
  /** A token with Actions: write and Administration: write on the repositories (or use the GitHub App below). */
  GITHUB_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** A GitHub App instead of a token: its id, its installation id on the organisation, and its private key (PEM). */
  GITHUB_APP_ID: z.preprocess(emptyAsUndefined, z.string().regex(/^\d+$/, "the app's numeric id").optional()),
  GITHUB_APP_INSTALLATION_ID: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "the installation's numeric id" }).int().positive().optional()),
  /** The PEM itself (newlines may be written \\n), or GITHUB_APP_PRIVATE_KEY_FILE: a path to it (a mounted secret). */
  GITHUB_APP_PRIVATE_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  GITHUB_APP_PRIVATE_KEY_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** The login whose workflow runs are the console's (found from the token or the app when unset). */
  GITHUB_ACTOR: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** `false` for a GitHub Enterprise Server that refuses `return_run_details` on a dispatch (the run is then searched). */
  GITHUB_RETURN_RUN_DETAILS: z.preprocess(emptyAsUndefined, z.enum(["true", "false"], { error: 'either "true" or "false"' }).default("true")),
  /**
   * A kubeconfig with a context named after each AKS cluster (as `az aks get-credentials` names them), for clusters the
   * console does not run in. The standard variable; kubectl reads it too.
   */
  KUBECONFIG: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** The AKS cluster the console runs in (e.g. s189t01-tsc-test-aks): reached with the pod's own service account. */
  KUBERNETES_IN_CLUSTER: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** Set by Next.js itself (`phase-production-build` during `next build`): instrumentation.ts starts no engine then. */
  NEXT_PHASE: z.preprocess(emptyAsUndefined, z.string().optional()),

  // --- DR test reminders (issue 8, lib/notifications) ---
  /**
   * A Teams or Slack incoming-webhook URL that DR test reminders are posted to (coming up, overdue). Unset: the
   * reminders are in-app only. Links in the posts use AUTH_URL (the console's public URL) when set.
   */
  DRILL_REMINDER_WEBHOOK_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/, error: "an http(s) webhook URL" }).optional()),
  /**
   * `teams`: a Teams Workflows "when a Teams webhook request is received" URL (posted an Adaptive Card message);
   * `slack`: a Slack app's incoming webhook (posted text and blocks).
   */
  DRILL_REMINDER_WEBHOOK_KIND: z.enum(["teams", "slack"], { error: 'either "teams" or "slack"' }).default("teams"),
  /** How long before a scheduled DR test its reminders come, in hours, comma-separated: a week and a day by default. */
  DRILL_REMINDER_LEAD_HOURS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default("168,24")
      .transform((v) => v.split(",").map((h) => Number(h.trim())))
      .refine((hours) => hours.length > 0 && hours.every((h) => Number.isInteger(h) && h > 0 && h <= 24 * 90), "whole hours, comma-separated, e.g. 168,24"),
  ),

  // --- Tests ---
  /**
   * How many times an integration test that failed is run again before it counts as failed (0: never). `.ci/run`
   * sets 1: a test that passes only on its retry is still named in `npm test`'s summary as flaky, to be fixed.
   */
  TEST_RETRIES: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "a whole number of retries, 0 to 3" }).int().min(0).max(3).default(0)),

  // --- Proofs and benchmarks (issue 9: test/proofs, bench) ---
  /** `1`: run the long proof tests (crash, faults, bad input, load, replicas) in the integration project. `.ci/run` sets it. */
  PROOFS: z.preprocess(emptyAsUndefined, z.enum(["0", "1"], { error: 'either "1" (run the long proofs) or "0"' }).default("0")),
  /** How long the load proof's 50 responders act on one incident, in seconds (the issue's full minute by default). */
  PROOFS_LOAD_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "a number of seconds" }).int().min(5).max(3600).default(60)),
  /**
   * `if-needed`: the proofs and `npm run bench` build the production bundle when the sources changed (as `npm start`);
   * `reuse`: take the existing `.next` as it is (a local run while others edit the sources).
   */
  PROOFS_BUILD: z.preprocess(emptyAsUndefined, z.enum(["if-needed", "reuse"], { error: 'either "if-needed" or "reuse"' }).default("if-needed")),
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
