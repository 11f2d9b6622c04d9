import { expectOk } from "../../test/proofs/support/api-client";
import { openSseClient, type SseClient } from "../../test/proofs/support/sse-client";
import type { IncidentView } from "../../lib/incidents/incident-view";
import type { LiveEvent } from "../../lib/live/live-event";
import { eventChangesView } from "../../lib/ui/event-changes-view";
import type { BenchStack } from "../support/bench-stack";
import { loadRunPage, viewerCookies } from "./browsers";
import { seededRandom } from "../../sandbox/data/seed-data";

export interface RunPageViewersOptions {
  stack: BenchStack;
  incidentId: string;
  viewers: number;
  /** How long the viewers keep loading the page. */
  durationMs: number;
  /** Each viewer loads the page again after a random pause of this mean (exponential: arrivals at random, not in step). */
  meanPauseMs: number;
}

/**
 * The run page rendered for `viewers` concurrent viewers, as an incident has them: each is a signed-in browser with
 * the page open (its live feed connected; when an event can change the checklist or header it refetches the incident,
 * as app/incidents/[id] does), a lead writes a note every second, and each viewer loads the page again now and then:
 * after a random pause of mean `meanPauseMs` (50 viewers every 5 s on average: 10 page loads a second, far more than
 * people reload a page that updates itself). Open loop: a load starts when its time comes, whether or not the others
 * have finished, so a slow console is measured as slow rather than asked less. The time to the last byte of each load.
 */
export async function measureRunPageViewers(options: RunPageViewersOptions): Promise<number[]> {
  const { stack, incidentId } = options;
  const base = stack.consoles[0]!.url;
  const page = `${base}/incidents/${incidentId}`;
  const cookies = await viewerCookies(stack, options.viewers);
  const refetches: Promise<unknown>[] = [];
  const feeds: SseClient[] = [];
  let acting = true;
  try {
    for (const cookie of cookies) {
      const feed = openSseClient({ url: `${base}/api/live?incidentId=${incidentId}`, cookie });
      let view: Pick<IncidentView, "participants"> | null = null;
      feed.on((e) => {
        if (e.event !== "audit") return;
        // As the page's script does: refetch when the event can change the checklist or header (lib/ui/event-changes-view.ts).
        if (view && !eventChangesView({ event: JSON.parse(e.data) as LiveEvent, view })) return;
        refetches.push(fetch(`${base}/api/ui/incidents/${incidentId}`, { headers: { cookie } }).then(async (r) => {
          view = (await r.json()) as IncidentView;
        }));
      });
      feeds.push(feed);
    }
    await Promise.all(feeds.map((f) => f.ready));
    const lead = stack.api("lead");
    const writer = (async () => {
      for (let n = 1; acting; n += 1) {
        expectOk(await lead.post(`/api/v1/incidents/${incidentId}/actions`, { action: "note", text: `Viewers' note ${n}` }), "writing a note");
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    const times: number[] = [];
    const load = async (cookie: string): Promise<void> => {
      times.push(await loadRunPage({ url: page, cookie }));
    };
    // Warmed up first, as a console that has served the page before: a fresh process loads and compiles the page's
    // code on its first renders (a second or more for the first few), which is start-up, not rendering.
    for (let i = 0; i < 5; i += 1) await load(cookies[i]!);
    times.length = 0;
    const end = performance.now() + options.durationMs;
    await Promise.all(
      cookies.map(async (cookie, i) => {
        const next = seededRandom(1000 + i);
        const loads: Promise<void>[] = [];
        for (;;) {
          const pause = -Math.log(1 - next()) * options.meanPauseMs;
          if (performance.now() + pause >= end) break;
          await new Promise((r) => setTimeout(r, pause));
          loads.push(load(cookie));
        }
        await Promise.all(loads);
      }),
    );
    acting = false;
    await writer;
    await Promise.allSettled(refetches);
    return times;
  } finally {
    acting = false;
    for (const f of feeds) f.close();
  }
}
