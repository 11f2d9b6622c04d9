/**
 * A port whose adapter (and the SDK behind it) is loaded on its first call, not when the console starts. The SDKs
 * weigh about 120 MB of memory together (the Kubernetes client 56 MB, the flexible-server client 36 MB: measured
 * with `process.memoryUsage().rss` around each import), and a console that is only showing pages, reports and the
 * live feed needs none of them. Every port method is async, so a call simply waits for the load first. A load that
 * fails (a broken install) fails that call and is tried again on the next.
 */
export function lazyPort<T extends object>(load: () => Promise<T>): T {
  let loading: Promise<T> | null = null;
  const adapter = () => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
  return new Proxy({} as T, {
    get: (_target, method) => {
      // Not a thenable (so `await port` is the port), and nothing for symbols (inspection, coercion).
      if (method === "then" || typeof method === "symbol") return undefined;
      return async (...args: unknown[]) => {
        const port = (await adapter()) as Record<string, unknown>;
        const fn = port[method];
        if (typeof fn !== "function") throw new TypeError(`The port has no method ${method}.`);
        return (fn as (...a: unknown[]) => unknown).apply(port, args);
      };
    },
  });
}
