import { headers } from "next/headers";
import { requestLogger } from "./log";

/** The request id set by proxy.ts, for log lines and audit rows of this request. */
export async function currentRequestId(): Promise<string> {
  const h = await headers();
  return h.get("x-request-id") ?? crypto.randomUUID();
}

export async function currentLogger() {
  return requestLogger(await currentRequestId());
}
