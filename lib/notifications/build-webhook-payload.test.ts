import { describe, expect, it } from "vitest";
import { buildWebhookPayload } from "./build-webhook-payload";

describe("webhook payloads", () => {
  it("Slack: a notification text and escaped mrkdwn blocks with the link", () => {
    const body = buildWebhookPayload({ kind: "slack", title: "DR test overdue: <Scenario 1>", message: "Due & overdue", url: "https://dr.example/drills" }) as { text: string; blocks: { text: { text: string } }[] };
    expect(body.text).toBe("DR test overdue: <Scenario 1>: Due & overdue https://dr.example/drills");
    expect(body.blocks[0]!.text.text).toBe("*DR test overdue: &lt;Scenario 1&gt;*\nDue &amp; overdue");
    expect(body.blocks[1]!.text.text).toBe("<https://dr.example/drills|Open it in the DR console>");
  });

  it("Teams: an Adaptive Card message, with an open-URL action only when there is a link", () => {
    const body = buildWebhookPayload({ kind: "teams", title: "T", message: "M", url: null }) as { type: string; attachments: { contentType: string; content: { version: string; actions: unknown[] } }[] };
    expect(body.type).toBe("message");
    expect(body.attachments[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(body.attachments[0]!.content.actions).toEqual([]);
  });
});
