/** A small client of the console's HTTP API (/api/v1) as one person, with their API token. */

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiClient {
  baseUrl: string;
  get<T = unknown>(route: string): Promise<ApiResponse<T>>;
  post<T = unknown>(route: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  /** A request exactly as given (raw body, any headers), for the bad-input proofs. */
  raw<T = unknown>(route: string, init: RequestInit): Promise<ApiResponse<T>>;
}

export function apiClient(options: { baseUrl: string | (() => string); token?: string }): ApiClient {
  const base = () => (typeof options.baseUrl === "string" ? options.baseUrl : options.baseUrl());
  const raw = async <T>(route: string, init: RequestInit): Promise<ApiResponse<T>> => {
    const headers = new Headers(init.headers);
    if (options.token && !headers.has("authorization")) headers.set("authorization", `Bearer ${options.token}`);
    const response = await fetch(`${base()}${route}`, { ...init, headers, signal: init.signal ?? AbortSignal.timeout(30_000) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (an HTML error page): kept as text.
    }
    return { status: response.status, body: body as T, headers: response.headers };
  };
  return {
    get baseUrl() {
      return base();
    },
    get: (route) => raw(route, { method: "GET" }),
    post: (route, body, headers = {}) =>
      raw(route, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) }),
    raw,
  };
}

/** Throws with the console's answer unless the status is 2xx. */
export function expectOk<T>(response: ApiResponse<T>, what: string): T {
  if (response.status < 200 || response.status > 299) {
    throw new Error(`${what}: HTTP ${response.status} ${typeof response.body === "string" ? response.body.slice(0, 500) : JSON.stringify(response.body)}`);
  }
  return response.body;
}
