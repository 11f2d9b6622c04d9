/**
 * Fault switches shared by every stand-in (the cal.com habit: fakes that can be told to fail).
 * Tests and the sandbox page set them through the control API; each stand-in asks `faults.take(...)`
 * on every request and obeys the answer.
 */

export type StandIn = "arm" | "github" | "kubernetes" | "services";

export interface FaultSettings {
  /** Added latency on every request, in milliseconds. */
  latencyMs?: number;
  /** Answer the next N requests with 429 and this Retry-After (seconds). */
  tooManyRequests?: { count: number; retryAfterSeconds: number };
  /** Answer the next N requests with 500. */
  serverError?: { count: number };
  /** Destroy the connection of the next N requests without an answer. */
  connectionReset?: { count: number };
  /** The next N long-running operations end Failed. */
  asyncOperationFails?: { count: number };
  /** The next N long-running operations never leave InProgress. */
  asyncOperationHangs?: { count: number };
  /** Only requests whose path matches this regular expression are affected (all when absent). */
  pathPattern?: string;
}

export type RequestFault =
  | { kind: "none"; latencyMs: number }
  | { kind: "tooManyRequests"; latencyMs: number; retryAfterSeconds: number }
  | { kind: "serverError"; latencyMs: number }
  | { kind: "connectionReset"; latencyMs: number };

export class Faults {
  private readonly settings = new Map<StandIn, FaultSettings>();

  set(standIn: StandIn, settings: FaultSettings): void {
    this.settings.set(standIn, structuredClone(settings));
  }

  get(standIn: StandIn): FaultSettings {
    return structuredClone(this.settings.get(standIn) ?? {});
  }

  clear(standIn?: StandIn): void {
    if (standIn) this.settings.delete(standIn);
    else this.settings.clear();
  }

  all(): Record<string, FaultSettings> {
    return Object.fromEntries([...this.settings].map(([k, v]) => [k, structuredClone(v)]));
  }

  /** What to do with one incoming request; consumes one unit of a counted fault. */
  takeRequestFault(standIn: StandIn, path: string): RequestFault {
    const s = this.settings.get(standIn);
    if (!s) return { kind: "none", latencyMs: 0 };
    const latencyMs = s.latencyMs ?? 0;
    if (s.pathPattern && !new RegExp(s.pathPattern).test(path)) return { kind: "none", latencyMs };
    if (s.connectionReset && s.connectionReset.count > 0) {
      s.connectionReset.count--;
      return { kind: "connectionReset", latencyMs };
    }
    if (s.tooManyRequests && s.tooManyRequests.count > 0) {
      s.tooManyRequests.count--;
      return { kind: "tooManyRequests", latencyMs, retryAfterSeconds: s.tooManyRequests.retryAfterSeconds };
    }
    if (s.serverError && s.serverError.count > 0) {
      s.serverError.count--;
      return { kind: "serverError", latencyMs };
    }
    return { kind: "none", latencyMs };
  }

  /** How a newly started long-running operation should end: normally, failed, or never. */
  takeAsyncOutcome(standIn: StandIn): "normal" | "fail" | "hang" {
    const s = this.settings.get(standIn);
    if (s?.asyncOperationFails && s.asyncOperationFails.count > 0) {
      s.asyncOperationFails.count--;
      return "fail";
    }
    if (s?.asyncOperationHangs && s.asyncOperationHangs.count > 0) {
      s.asyncOperationHangs.count--;
      return "hang";
    }
    return "normal";
  }
}

/**
 * Counts of the operations each stand-in received, by name (e.g. "arm:PUT flexibleServers PointInTimeRestore",
 * "github:dispatch database-restore-ptr.yml", "kubernetes:scale tra-test/access-...-test"): the crash tests prove
 * "sent exactly once" with these.
 */
export class OperationCounters {
  private readonly counts = new Map<string, number>();

  increment(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  all(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  reset(): void {
    this.counts.clear();
  }
}
