import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { serve, type HttpBindings } from "@hono/node-server";
import type { Hono } from "hono";

/**
 * Serves a hono app on 127.0.0.1 only (port 0 = a free port), over HTTPS when given a certificate, and
 * stops it for good: open keep-alive connections are cut so that stop() does not wait for clients.
 */
export async function listen(options: {
  app: Hono<{ Bindings: HttpBindings }>;
  port?: number;
  tls?: { certPem: string; keyPem: string };
}): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = options.tls
      ? serve({ fetch: options.app.fetch, port: options.port ?? 0, hostname: "127.0.0.1", createServer: createHttpsServer, serverOptions: { cert: options.tls.certPem, key: options.tls.keyPem } }, () => resolve(s))
      : serve({ fetch: options.app.fetch, port: options.port ?? 0, hostname: "127.0.0.1" }, () => resolve(s));
    s.once("error", reject);
  });
  // Raw TCP sockets (before TLS too), so that stop() can cut idle keep-alive connections.
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
