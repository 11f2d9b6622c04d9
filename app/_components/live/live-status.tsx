"use client";

import type { LiveStatus } from "@/lib/live/live-connection";

const WORDS: Record<LiveStatus, { text: string; tag: string }> = {
  connecting: { text: "Connecting to live updates", tag: "govuk-tag--grey" },
  live: { text: "Live: changes appear as they happen", tag: "govuk-tag--green" },
  reconnecting: { text: "Reconnecting: changes will appear when the connection is back", tag: "govuk-tag--yellow" },
  offline: { text: "Offline: changes will appear when you are back online", tag: "govuk-tag--red" },
};

/** Whether this page is receiving live updates (a person must know when what they see may be out of date). */
export function LiveStatusTag({ status }: { status: LiveStatus }) {
  const words = WORDS[status];
  return (
    <p className="govuk-body-s app-live-status" data-testid="live-status" data-state={status}>
      <strong className={`govuk-tag ${words.tag}`}>{words.text}</strong>
    </p>
  );
}
