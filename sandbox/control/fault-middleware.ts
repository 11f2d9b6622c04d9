import type { HttpBindings } from "@hono/node-server";
import type { MiddlewareHandler } from "hono";
import type { Faults, OperationCounters, StandIn } from "../faults";

/**
 * Applies the fault switches (sandbox/faults.ts) to every request of a hono stand-in: added latency, 429
 * with Retry-After, 500, or the connection cut without an answer. Each stand-in says what its own error
 * bodies look like (ARM, GitHub and Kubernetes differ). Faulted requests are counted as
 * `<stand-in>:fault:<kind>`, apart from the operation counters.
 */

export interface FaultAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface FaultMiddlewareOptions {
  faults: Faults;
  standIn: StandIn;
  counters?: OperationCounters;
  tooManyRequests: (retryAfterSeconds: number) => FaultAnswer;
  serverError: () => FaultAnswer;
}

export function faultMiddleware(options: FaultMiddlewareOptions): MiddlewareHandler<{ Bindings: HttpBindings }> {
  return async (c, next) => {
    const fault = options.faults.takeRequestFault(options.standIn, new URL(c.req.url).pathname);
    if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault.kind === "none") return next();
    options.counters?.increment(`${options.standIn}:fault:${fault.kind}`);
    if (fault.kind === "connectionReset") {
      c.env.incoming.socket.destroy();
      return new Response(null, { status: 500 });
    }
    const answer = fault.kind === "tooManyRequests" ? options.tooManyRequests(fault.retryAfterSeconds) : options.serverError();
    const headers: Record<string, string> = { "Content-Type": "application/json; charset=utf-8", ...answer.headers };
    if (fault.kind === "tooManyRequests") headers["Retry-After"] = String(fault.retryAfterSeconds);
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers });
  };
}
