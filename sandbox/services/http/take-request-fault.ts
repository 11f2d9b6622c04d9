import type { HttpBindings } from "@hono/node-server";
import type { Faults, StandIn } from "../../faults";

/**
 * Applies the fault switches of one stand-in to one request, the same way for every stand-in: waits the added
 * latency, destroys the connection for a "connection reset", and hands back what remains for the stand-in to
 * answer in its own protocol (GitHub error JSON, Kubernetes Status, plain text).
 */

export type AnswerableFault =
  | { kind: "none" }
  | { kind: "tooManyRequests"; retryAfterSeconds: number }
  | { kind: "serverError" }
  /** The socket was destroyed: answer nothing (any Response is discarded). */
  | { kind: "connectionReset" };

export interface TakeRequestFaultOptions {
  faults: Faults;
  standIn: StandIn;
  path: string;
  bindings: HttpBindings;
}

export async function takeRequestFault(options: TakeRequestFaultOptions): Promise<AnswerableFault> {
  const fault = options.faults.takeRequestFault(options.standIn, options.path);
  if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
  switch (fault.kind) {
    case "none":
      return { kind: "none" };
    case "tooManyRequests":
      return { kind: "tooManyRequests", retryAfterSeconds: fault.retryAfterSeconds };
    case "serverError":
      return { kind: "serverError" };
    case "connectionReset":
      options.bindings.incoming.socket.destroy();
      return { kind: "connectionReset" };
  }
}
