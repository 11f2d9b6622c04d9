import type { BenchStack } from "../support/bench-stack";
import { sessionCookieFor } from "../../test/proofs/support/session-cookie";

/** Session cookies of `count` signed-in browsers, the stack's people in turn. */
export function viewerCookies(stack: BenchStack, count: number): Promise<string[]> {
  const people = Object.values(stack.people);
  return Promise.all(Array.from({ length: count }, (_, i) => sessionCookieFor(people[i % people.length]!.id)));
}

/** One browser's load of the run page: the time to its last byte (ms); throws unless it is the page, whole. */
export async function loadRunPage(options: { url: string; cookie: string; timeoutMs?: number }): Promise<number> {
  const started = performance.now();
  const response = await fetch(options.url, { headers: { cookie: options.cookie, accept: "text/html" }, signal: AbortSignal.timeout(options.timeoutMs ?? 60_000) });
  const html = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200 || !html.includes("Checklist")) throw new Error(`the run page answered ${response.status}: ${html.slice(0, 300)}`);
  return ms;
}
