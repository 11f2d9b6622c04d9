import type { BenchStack } from "../support/bench-stack";
import { sessionCookieFor } from "../../test/proofs/support/session-cookie";

/** A burst: `viewers` signed-in browsers loading the run page at once, `viewsEach` times each: the time to the last byte of each. */
export async function measureRunPageBurst(options: { stack: BenchStack; incidentId: string; viewers: number; viewsEach: number }): Promise<number[]> {
  const { stack, incidentId } = options;
  const url = `${stack.consoles[0]!.url}/incidents/${incidentId}`;
  const people = Object.values(stack.people);
  const cookies = await Promise.all(Array.from({ length: options.viewers }, (_, i) => sessionCookieFor(people[i % people.length]!.id)));
  const view = async (cookie: string): Promise<number> => {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie, accept: "text/html" }, signal: AbortSignal.timeout(180_000) });
    const html = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200 || !html.includes("Checklist")) throw new Error(`the run page answered ${response.status}: ${html.slice(0, 300)}`);
    return ms;
  };
  for (const cookie of cookies.slice(0, 3)) console.error(`[bench] one run page alone: ${Math.round(await view(cookie))} ms`);
  const times: number[] = [];
  await Promise.all(
    cookies.map(async (cookie) => {
      for (let i = 0; i < options.viewsEach; i += 1) times.push(await view(cookie));
    }),
  );
  return times;
}
