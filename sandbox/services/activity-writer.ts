import type { EnvironmentDefinition } from "@/lib/catalogue/schema";
import type { SandboxContext } from "../context";
import type { KubernetesState } from "../kubernetes/state";
import type { DatabasePools } from "./database-pools";

/**
 * The environment's users at work: while the worker deployment has a running pod and the live database answers,
 * a row goes into `search_logs` every interval (a CTR/AYTQ search, as the app logs them, created_at in UTC). So a
 * drill shows data written after a restore point (the RPO) and, after scaling to 0, that writing really stopped.
 */

export interface WriterStats {
  environment: string;
  /** Whether the worker had a running pod at the last tick. */
  running: boolean;
  inserted: number;
  failed: number;
  lastInsertedAt: string | null;
  lastError: string | null;
}

const LAST_NAMES = ["Smith", "Jones", "Patel", "Taylor", "Brown", "Khan", "Evans", "Hughes", "Murphy", "Walker"];

export class ActivityWriter {
  readonly stats: WriterStats;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private stopped = false;

  constructor(
    private readonly options: {
      context: SandboxContext;
      kubernetes: KubernetesState;
      pools: DatabasePools;
      environment: EnvironmentDefinition;
      intervalMs: number;
    },
  ) {
    this.stats = { environment: options.environment.key, running: false, inserted: 0, failed: 0, lastInsertedAt: null, lastError: null };
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 10));
  }

  private async tick(): Promise<void> {
    if (this.busy || this.stopped) return;
    const { environment, kubernetes } = this.options;
    this.stats.running = kubernetes.readyReplicas(environment.kubernetes.namespace, environment.kubernetes.worker.name) > 0;
    if (!this.stats.running) return;
    this.busy = true;
    try {
      const url = await this.options.context.serverDatabaseUrl(environment.postgres.server);
      if (!url) throw new Error(`could not translate host name "${environment.postgres.server}.postgres.database.azure.com" to address`);
      const n = this.stats.inserted + this.stats.failed;
      const found = await this.options.pools.get(url).query<{ created_at: string }>(
        `insert into public.search_logs (last_name, date_of_birth, result_returned, service, created_at, updated_at)
         values ($1, $2, $3, $4, now() at time zone 'utc', now() at time zone 'utc') returning created_at::text`,
        [LAST_NAMES[n % LAST_NAMES.length], `19${70 + (n % 30)}-0${1 + (n % 9)}-1${n % 10}`, n % 3 !== 0, n % 2 === 0 ? "ctr" : "aytq"],
      );
      this.stats.inserted++;
      this.stats.lastInsertedAt = `${found.rows[0]?.created_at.replace(" ", "T")}Z`;
      this.stats.lastError = null;
    } catch (error) {
      this.stats.failed++;
      this.stats.lastError = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }
}
