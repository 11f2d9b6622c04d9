"use client";

import Link from "next/link";
import type { LiveStatus } from "@/lib/live/live-connection";
import type { LiveEvent } from "@/lib/live/live-event";
import { describeLiveEvent } from "@/lib/ui/describe-live-event";
import { LiveStatusTag } from "@/app/_components/live/live-status";

/** The incident's audit events, newest first, as they arrive. */
export function Timeline(props: { events: LiveEvent[]; earlier: boolean; incidentId: string; stepTitles: Record<string, string>; status: LiveStatus }) {
  const { events, stepTitles, status } = props;
  const newestFirst = [...events].reverse();
  return (
    <section aria-labelledby="timeline-heading" className="app-timeline">
      <h2 className="govuk-heading-m" id="timeline-heading">
        Timeline
      </h2>
      <LiveStatusTag status={status} />
      {newestFirst.length === 0 ? (
        <p className="govuk-body">Nothing has happened yet.</p>
      ) : (
        <ol className="app-timeline__list" data-testid="timeline" reversed>
          {newestFirst.map((event) => (
            <li key={event.id} className={`app-timeline__item${event.outcome === "failed" ? " app-timeline__item--failed" : ""}`} data-event-id={event.id} data-action={event.action}>
              <p className="govuk-body-s app-timeline__time">
                <time dateTime={event.occurredAt}>{event.occurredAtText}</time>
              </p>
              <p className="govuk-body-s app-timeline__text">{describeLiveEvent({ event, stepTitles })}</p>
            </li>
          ))}
        </ol>
      )}
      {props.earlier && (
        <p className="govuk-body-s" data-testid="timeline-earlier">
          These are the latest events. <Link className="govuk-link" href={`/incidents/${props.incidentId}/audit`}>Every event is in the audit trail</Link>.
        </p>
      )}
    </section>
  );
}
