/**
 * The body posted to the webhook for a reminder. Teams: a message with an Adaptive Card, the format a Teams
 * Workflows webhook ("when a Teams webhook request is received" -> post card) takes (Office 365 connectors are
 * retired). Slack: an incoming webhook's `text` (the notification) and `blocks` (the message).
 */
export function buildWebhookPayload(options: { kind: "teams" | "slack"; title: string; message: string; url: string | null }): Record<string, unknown> {
  const { title, message, url } = options;
  if (options.kind === "slack") {
    const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return {
      text: `${title}: ${message}${url ? ` ${url}` : ""}`,
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: `*${escape(title)}*\n${escape(message)}` } },
        ...(url ? [{ type: "section", text: { type: "mrkdwn", text: `<${url}|Open it in the DR console>` } }] : []),
      ],
    };
  }
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", text: title, weight: "Bolder", size: "Medium", wrap: true },
            { type: "TextBlock", text: message, wrap: true },
          ],
          actions: url ? [{ type: "Action.OpenUrl", title: "Open it in the DR console", url }] : [],
        },
      },
    ],
  };
}
