import { expectOk } from "../../test/proofs/support/api-client";
import { openSseClient } from "../../test/proofs/support/sse-client";
import type { BenchStack } from "../support/bench-stack";
import { viewerCookies } from "./browsers";

/**
 * `clients` browsers on one incident's live feed (each its own session); `actions` notes written one after another
 * through the API; for each, the time from sending the request to the event's arrival at each browser.
 */
export async function measureLiveUpdates(options: { stack: BenchStack; incidentId: string; clients: number; actions: number }): Promise<number[]> {
  const { stack, incidentId } = options;
  const url = `${stack.consoles[0]!.url}/api/live?incidentId=${incidentId}`;
  const cookies = await viewerCookies(stack, options.clients);
  const clients = cookies.map((cookie) => openSseClient({ url, cookie }));
  try {
    await Promise.all(clients.map((c) => c.ready));
    const lead = stack.api("lead");
    const latencies: number[] = [];
    for (let a = 0; a < options.actions; a += 1) {
      const text = `Live update ${a + 1} of ${options.actions} (${Date.now()})`;
      const arrived = clients.map(
        (client) =>
          new Promise<number>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`"${text}" did not reach a browser in 10 s`)), 10_000);
            const off = client.on((e) => {
              if (e.event === "audit" && e.data.includes(text)) {
                clearTimeout(timer);
                off();
                resolve(e.receivedAt);
              }
            });
          }),
      );
      const sent = performance.now();
      expectOk(await lead.post(`/api/v1/incidents/${incidentId}/actions`, { action: "note", text }), "writing a note");
      for (const at of await Promise.all(arrived)) latencies.push(at - sent);
      await new Promise((r) => setTimeout(r, 100));
    }
    return latencies;
  } finally {
    for (const c of clients) c.close();
  }
}
