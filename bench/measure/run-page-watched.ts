import { expectOk } from "../../test/proofs/support/api-client";
import { sessionCookieFor } from "../../test/proofs/support/session-cookie";
import { openSseClient } from "../../test/proofs/support/sse-client";
import type { IncidentView } from "../../lib/incidents/incident-view";
import type { LiveEvent } from "../../lib/live/live-event";
import { eventChangesView } from "../../lib/ui/event-changes-view";
import type { BenchStack } from "../support/bench-stack";

/**
 * The run page loaded while `viewers` people watch the incident: each has the page open (its live feed connected, and
 * when an event can change the checklist or header the page's script refetches the incident, as app/incidents/[id] does), a lead writes a note every
 * second, and one more person loads the page `loads` times, one after another: the time to the last byte of each.
 */
export async function measureRunPageWatched(options: { stack: BenchStack; incidentId: string; viewers: number; loads: number }): Promise<number[]> {
  const { stack, incidentId } = options;
  const base = stack.consoles[0]!.url;
  const people = Object.values(stack.people);
  const cookies = await Promise.all(Array.from({ length: options.viewers + 1 }, (_, i) => sessionCookieFor(people[i % people.length]!.id)));
  const refetches: Promise<unknown>[] = [];
  const viewers = cookies.slice(1).map((cookie) => {
    const client = openSseClient({ url: `${base}/api/live?incidentId=${incidentId}`, cookie });
    let view: Pick<IncidentView, "participants"> | null = null;
    client.on((e) => {
      if (e.event !== "audit") return;
      // As the page's script does: refetch when the event can change the checklist or header (lib/ui/event-changes-view.ts).
      if (view && !eventChangesView({ event: JSON.parse(e.data) as LiveEvent, view })) return;
      refetches.push(fetch(`${base}/api/ui/incidents/${incidentId}`, { headers: { cookie } }).then(async (r) => {
        view = (await r.json()) as IncidentView;
      }));
    });
    return client;
  });
  let writing = true;
  try {
    await Promise.all(viewers.map((v) => v.ready));
    const lead = stack.api("lead");
    const writer = (async () => {
      for (let n = 1; writing; n += 1) {
        expectOk(await lead.post(`/api/v1/incidents/${incidentId}/actions`, { action: "note", text: `Watched note ${n}` }), "writing a note");
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    const times: number[] = [];
    for (let i = 0; i < options.loads + 3; i += 1) {
      const started = performance.now();
      const response = await fetch(`${base}/incidents/${incidentId}`, { headers: { cookie: cookies[0]!, accept: "text/html" }, signal: AbortSignal.timeout(60_000) });
      const html = await response.text();
      if (response.status !== 200 || !html.includes("Checklist")) throw new Error(`the run page answered ${response.status}`);
      if (i >= 3) times.push(performance.now() - started);
    }
    writing = false;
    await writer;
    await Promise.allSettled(refetches);
    return times;
  } finally {
    writing = false;
    for (const v of viewers) v.close();
  }
}
