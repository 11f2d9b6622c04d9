import { serve, type HttpBindings } from "@hono/node-server";
import type { Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";

/**
 * Shared by the GitHub, Kubernetes and services stand-ins: an HTTP server on 127.0.0.1 only (never beyond the
 * machine), on a free port unless one is given, whose stop() also ends open connections (watch streams,
 * keep-alive sockets) so that tests and `npm start` exit promptly.
 */

export interface LoopbackServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface ListenOnLoopbackOptions {
  fetch: (request: Request, bindings: HttpBindings) => Response | Promise<Response>;
  port?: number;
  /** Serve HTTPS with this certificate and key (PEM) instead of plain HTTP. */
  tls?: { certPem: string; keyPem: string };
}

export async function listenOnLoopback(options: ListenOnLoopbackOptions): Promise<LoopbackServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve(
      {
        fetch: (request, bindings) => options.fetch(request, bindings as HttpBindings),
        port: options.port ?? 0,
        hostname: "127.0.0.1",
        ...(options.tls ? { createServer: createHttpsServer, serverOptions: { cert: options.tls.certPem, key: options.tls.keyPem } } : {}),
      },
      () => resolve(s as Server),
    ) as Server;
    s.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    port,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
