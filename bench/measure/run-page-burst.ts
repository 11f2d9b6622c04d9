import type { BenchStack } from "../support/bench-stack";
import { loadRunPage, viewerCookies } from "./browsers";

/** A burst: `viewers` signed-in browsers loading the run page at once, `viewsEach` times each: the time to the last byte of each. */
export async function measureRunPageBurst(options: { stack: BenchStack; incidentId: string; viewers: number; viewsEach: number }): Promise<number[]> {
  const url = `${options.stack.consoles[0]!.url}/incidents/${options.incidentId}`;
  const cookies = await viewerCookies(options.stack, options.viewers);
  const view = (cookie: string) => loadRunPage({ url, cookie, timeoutMs: 180_000 });
  for (const cookie of cookies.slice(0, 3)) console.error(`[bench] one run page alone: ${Math.round(await view(cookie))} ms`);
  const times: number[] = [];
  await Promise.all(
    cookies.map(async (cookie) => {
      for (let i = 0; i < options.viewsEach; i += 1) times.push(await view(cookie));
    }),
  );
  return times;
}
