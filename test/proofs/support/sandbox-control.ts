import type { FaultSettings, StandIn } from "../../../sandbox/faults";

/** The sandbox's control API (sandbox/README.md): counters, fault switches, disasters, state. */
export interface SandboxControl {
  counters(): Promise<Record<string, number>>;
  resetCounters(): Promise<void>;
  setFault(standIn: StandIn, settings: FaultSettings): Promise<void>;
  clearFaults(): Promise<void>;
  /** The fault switches as they are now (counted faults count down as requests take them). */
  faults(): Promise<Partial<Record<StandIn, FaultSettings>>>;
  state(): Promise<SandboxState>;
  disaster(kind: "delete-server" | "drop-table" | "corrupt-rows" | "delete-rows", body: Record<string, unknown>): Promise<unknown>;
  databaseUrl(server: string): Promise<string | null>;
  /** Back to the seeded state (servers, history, backups, faults, counters). */
  reset(): Promise<void>;
}

export interface SandboxState {
  servers: { name: string; state: string; createMode?: string }[];
  operations: { id: string; status: string; kind?: string; server?: string }[];
  [key: string]: unknown;
}

export function sandboxControl(url: string): SandboxControl {
  const call = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox ${method} ${route}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    counters: () => call("GET", "/counters"),
    resetCounters: async () => void (await call("DELETE", "/counters")),
    setFault: async (standIn, settings) => void (await call("PUT", `/faults/${standIn}`, settings)),
    clearFaults: async () => void (await call("DELETE", "/faults")),
    faults: () => call("GET", "/faults"),
    state: () => call("GET", "/state"),
    disaster: (kind, body) => call("POST", `/disasters/${kind}`, body),
    reset: async () => void (await call("POST", "/reset")),
    databaseUrl: async (server) => {
      const response = await fetch(`${url}/servers/${encodeURIComponent(server)}/database-url`);
      return response.ok ? ((await response.json()) as { url: string }).url : null;
    },
  };
}
